package dev.parley.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * JFR recordings of the stack's processes during a measured phase, when {@code -Dparley.bench.jfr=DIR} is set:
 * {@code jcmd <pid> JFR.start} before the warm-up (starting a recording makes the JIT recompile what its events
 * instrument: measured, that halved the throughput of the first seconds after it), {@link #measuring} when the
 * measured phase begins, and {@code JFR.dump begin=<then>} to {@code DIR/<scenario>-<process>.jfr} after. Read
 * them with {@code jfr view hot-methods FILE} (or {@code allocation-by-class}).
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

    private static volatile Instant measuredFrom;

    /** The measured phase begins now: the dump starts here. */
    static void measuring() {
        measuredFrom = Instant.now();
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
                if (measuredFrom != null) {
                    jcmd(pid, "JFR.dump", "name=bench", "filename=" + file, "begin=" + measuredFrom);
                } else {
                    jcmd(pid, "JFR.dump", "name=bench", "filename=" + file);
                }
                jcmd(pid, "JFR.stop", "name=bench");
                System.out.println("JFR: " + file);
            });
        }
    }

    private static void jcmd(long pid, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd")
                .toString(), Long.toString(pid)));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            p.waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
