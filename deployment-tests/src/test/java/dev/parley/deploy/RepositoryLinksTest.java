package dev.parley.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * No file of the repository points at one that does not exist: the relative links of every Markdown file, and the
 * repository paths that Markdown, the manifests, the AsyncAPI documents and the other YAML and env files name in
 * their text (a comment's "see k8s/README.md"). A path is found relative to the file that names it or to the
 * repository's root.
 */
class RepositoryLinksTest {

    /** What the build, the tools and a local run write: not the repository's files. */
    static final Set<String> NOT_SOURCES = Set.of(".git", "target", "node_modules", ".parley", "dist");
    /** A Markdown link; its target is checked unless it is a URL or an anchor of the same page. */
    static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)\\)");
    /** A path of the repository named in text: two segments or more, ending with one of the repository's file types. */
    static final Pattern PATH = Pattern.compile("(?<![\\w./:$-])((?:\\.\\.?/)?[\\w.-]+(?:/[\\w.-]+)+"
            + "\\.(?:md|ya?ml|json|env|sh|java|mjs|js|jsx|ts|png|html|sql|properties))\\b");

    static List<Path> files() throws IOException {
        Path root = Rendered.root();
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile)
                    .filter(p -> {
                        for (Path part : root.relativize(p)) {
                            if (NOT_SOURCES.contains(part.toString())) {
                                return false;
                            }
                        }
                        return true;
                    })
                    .filter(p -> p.toString().matches(".*\\.(md|ya?ml|env)$"))
                    .toList();
        }
    }

    /** Every link or named path of a file that leads nowhere, as "file: target". */
    static List<String> dangling(Path file, String content) {
        String text = content;
        List<String> found = new ArrayList<>();
        Path root = Rendered.root();
        String name = root.relativize(file).toString();
        if (name.endsWith(".md")) {
            Matcher m = LINK.matcher(text);
            while (m.find()) {
                String target = m.group(1).replaceFirst("#.*$", "");
                if (!m.group(1).matches("^(https?:|mailto:|#).*") && !target.isEmpty()
                        && !Files.exists(file.resolveSibling(target).normalize())) {
                    found.add(name + ": link " + m.group(1));
                }
            }
            text = LINK.matcher(text).replaceAll("[]()"); // a link's target is checked once, as a link
        }
        Matcher m = PATH.matcher(text);
        while (m.find()) {
            String path = m.group(1);
            boolean generated = path.contains("target/") || path.contains("node_modules") || path.contains(".parley/")
                    || path.matches("^[A-Z][A-Z0-9_]+/.*"); // under a directory an environment variable names
            if (!generated && !Files.exists(file.resolveSibling(path).normalize())
                    && !Files.exists(root.resolve(path).normalize())) {
                found.add(name + ": path " + path);
            }
        }
        return found;
    }

    @Test
    void noFileNamesAFileThatDoesNotExist() throws IOException {
        List<Path> files = files();
        assertThat(files).extracting(f -> Rendered.root().relativize(f).toString())
                .contains("README.md", "k8s/base/kafka.yaml", "shared-events/src/main/resources/dev/parley/events/asyncapi.yaml");
        List<String> dangling = files.stream().flatMap(f -> {
            try {
                return dangling(f, Files.readString(f)).stream();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
        assertThat(dangling).as("links and paths that lead nowhere").isEmpty();
    }

    @Test
    void aLinkOrAPathToNothingIsFound() {
        Path readme = Rendered.root().resolve("docs/performance.md");
        assertThat(dangling(readme, "[the ADR](adr/0001-an-outbox-relay-of-our-own.md), [x](https://example.com)"))
                .isEmpty();
        assertThat(dangling(readme, "[the old one](adr/0000-gone.md) and # see k8s/README.md; AUTH_KEYS_DIR/keys.json"))
                .containsExactly("docs/performance.md: link adr/0000-gone.md", "docs/performance.md: path k8s/README.md");
    }
}
