package dev.parley.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** Runs the real tools (kubectl kustomize, docker-compose config) and parses what they print. */
final class Rendered {

    private Rendered() {
    }

    static Path root() {
        return Path.of(System.getProperty("parley.root", "..")).toAbsolutePath().normalize();
    }

    static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).directory(root().toFile()).redirectErrorStream(false).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed: " + err);
            }
            return out;
        } catch (IOException e) {
            throw new AssertionError(command[0] + " is not installed (.ci/run installs it): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The oldest kustomize (the one kubectl embeds) that renders the overlays as written: kubectl 1.27 and later. */
    static final int KUSTOMIZE_MAJOR = 5;
    private static final Pattern ENV_LINE = Pattern.compile("^([A-Z][A-Z0-9_]*)=\"?([^\"]*)\"?\\s*$");
    private static final Pattern KUSTOMIZE_VERSION = Pattern.compile("Kustomize Version: v(\\d+)\\.");

    /**
     * An overlay as {@code kubectl kustomize} renders it, after checking that this kubectl's kustomize is recent
     * enough: an older one (Debian 12's kubectl 1.20 embeds kustomize 2) renders some fields differently or not at
     * all, and the checks must not pass on what it printed.
     */
    static String kustomize(String overlay) {
        String version = run("kubectl", "version", "--client");
        int major = kustomizeMajor(version);
        if (major < KUSTOMIZE_MAJOR) {
            throw new AssertionError("kubectl embeds " + (major == 0 ? "an old kustomize" : "kustomize v" + major)
                    + "; the overlays need"
                    + " kustomize v" + KUSTOMIZE_MAJOR + " (kubectl 1.27 or later; Debian 12's kubernetes-client is"
                    + " 1.20: install the kubectl package of pkgs.k8s.io or of Google Cloud's apt repository). kubectl"
                    + " printed: " + version.strip());
        }
        return run("kubectl", "kustomize", "k8s/overlays/" + overlay);
    }

    /** The major version of the kustomize that {@code kubectl version --client} names; 0 when it names none. */
    static int kustomizeMajor(String kubectlVersion) {
        Matcher m = KUSTOMIZE_VERSION.matcher(kubectlVersion);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** Every object of an overlay, as {@code kubectl kustomize} renders it. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> overlay(String name) {
        String yaml = kustomize(name);
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object doc : new Yaml(new LoaderOptions()).loadAll(yaml)) {
            if (doc instanceof Map<?, ?> m) {
                docs.add((Map<String, Object>) m);
            }
        }
        return docs;
    }

    /** The versions {@code k8s/versions.env} pins (its KEY=value lines, quotes removed). */
    static Map<String, String> pinnedVersions() {
        try {
            Map<String, String> versions = new LinkedHashMap<>();
            for (String line : Files.readAllLines(root().resolve("k8s/versions.env"))) {
                Matcher m = ENV_LINE.matcher(line);
                if (m.matches()) {
                    versions.put(m.group(1), m.group(2));
                }
            }
            return versions;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> compose() {
        return new Yaml().load(run("docker-compose", "-f", "docker-compose.yml", "config"));
    }

    /** Follows a path of map keys and list indexes; null when absent. */
    @SuppressWarnings("unchecked")
    static <T> T at(Object node, Object... path) {
        Object cur = node;
        for (Object key : path) {
            if (cur instanceof Map<?, ?> m) {
                cur = m.get(key);
            } else if (cur instanceof List<?> l && key instanceof Integer i) {
                cur = i < l.size() ? l.get(i) : null;
            } else {
                return null;
            }
        }
        return (T) cur;
    }

    static List<Map<String, Object>> ofKind(List<Map<String, Object>> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
    }

    static String name(Map<String, Object> o) {
        return at(o, "metadata", "name");
    }
}
