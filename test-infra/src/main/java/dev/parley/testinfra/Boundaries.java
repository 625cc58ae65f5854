package dev.parley.testinfra;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/**
 * The package rules of a service (ADR 0017), checked on its compiled main classes. A service is a root package
 * (its application class and settings) and one package per feature directly below it:
 * <ul>
 * <li>features depend on each other one way: no cycle between feature packages;</li>
 * <li>the root package depends on no feature;</li>
 * <li>a feature's internals are package-private: a public top-level class is one another package uses, so
 * that reaching into a feature's internals does not compile.</li>
 * </ul>
 */
public final class Boundaries {

    private static final String APPLICATION = "org.springframework.boot.autoconfigure.SpringBootApplication";

    private Boundaries() {
    }

    /** Fails with every broken rule of the service whose root package is {@code root}. */
    public static void verify(String root) {
        JavaClasses main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(root);
        if (main.isEmpty()) {
            throw new AssertionError("No main classes found under " + root);
        }
        rules(root).check(main);
    }

    static ArchRule rules(String root) {
        ArchRule noCycles = slices().matching(root + ".(*)..").namingSlices("feature '$1'")
                .should().beFreeOfCycles()
                .because("features depend on each other one way");
        ArchRule rootStaysOut = noClasses().that().resideInAPackage(root)
                .should().dependOnClassesThat().resideInAPackage(root + ".*..")
                .because("the root package holds the application and its settings, which every feature may use");
        ArchRule publicMeansShared = classes().that().areTopLevelClasses().and().arePublic()
                .and().areNotAnnotatedWith(APPLICATION)
                .should(beUsedFromAnotherPackage())
                .because("a feature's internals are package-private");
        return CompositeArchRule.of(noCycles).and(rootStaysOut).and(publicMeansShared);
    }

    private static ArchCondition<JavaClass> beUsedFromAnotherPackage() {
        return new ArchCondition<>("be used from another package") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                boolean shared = type.getDirectDependenciesToSelf().stream()
                        .anyMatch(d -> !d.getOriginClass().getPackageName().equals(type.getPackageName()));
                if (!shared) {
                    events.add(SimpleConditionEvent.violated(type, type.getName()
                            + " is public but no other package uses it: make it package-private"));
                }
            }
        };
    }
}
