package dev.parley.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * JFR recordings of the stack's processes during a measured phase, when {@code -Dparley.bench.jfr=DIR} is set:
 * {@code jcmd <pid> JFR.start} before, {@code JFR.dump} to {@code DIR/<scenario>-<process>.jfr} after. Read them
 * with {@code jfr view hot-methods FILE} (or {@code allocation-by-class}).
 */
final class Profiler {

    private static final List<String> PROFILED = List.of("gateway", "message", "room");

    private Profiler() {
    }

    static boolean enabled() {
        return System.getProperty("parley.bench.jfr") != null;
    }

    static void start() {
        if (enabled()) {
            PROFILED.forEach(name -> Cpu.pid(name).ifPresent(pid -> jcmd(pid, "JFR.start", "name=bench",
                    "settings=profile")));
        }
    }

    static void dump(String scenario) throws IOException {
        if (!enabled()) {
            return;
        }
        Path dir = Path.of(System.getProperty("parley.bench.jfr")).toAbsolutePath();
        Files.createDirectories(dir);
        for (String name : PROFILED) {
            Cpu.pid(name).ifPresent(pid -> {
                Path file = dir.resolve(scenario.replaceAll("[^A-Za-z0-9]+", "_") + "-" + name + ".jfr");
                jcmd(pid, "JFR.dump", "name=bench", "filename=" + file);
                jcmd(pid, "JFR.stop", "name=bench");
                System.out.println("JFR: " + file);
            });
        }
    }

    private static void jcmd(long pid, String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd")
                .toString(), Long.toString(pid)));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            p.waitFor();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
