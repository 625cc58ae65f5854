package dev.parley.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * CPU time of the stack's processes from {@code /proc} (user + system, in seconds), found by their command lines,
 * so it works for a stack this benchmark started and for one already running. PostgreSQL counts its postmaster
 * and every backend (its children).
 */
final class Cpu {

    /** Clock ticks per second of {@code /proc/<pid>/stat} (USER_HZ: 100 on Linux). */
    private static final double TICKS = 100.0;

    /** The processes measured, by name, and how each is recognised. */
    static final Map<String, String> PROCESSES = new LinkedHashMap<>();

    static {
        PROCESSES.put("gateway", "gateway-ws");
        PROCESSES.put("message", "message-service");
        PROCESSES.put("room", "room-service");
        PROCESSES.put("auth", "auth-service");
        PROCESSES.put("kafka", "kafka.Kafka");
    }

    private Cpu() {
    }

    /** CPU seconds used so far by each process (and "postgres", all its processes), by name. */
    static Map<String, Double> snapshot() {
        Map<String, Double> out = new LinkedHashMap<>();
        List<ProcessHandle> all = ProcessHandle.allProcesses().toList();
        PROCESSES.forEach((name, marker) -> out.put(name, all.stream()
                .filter(p -> p.info().commandLine().map(c -> c.contains(marker) && c.contains("java")).orElse(false))
                .mapToDouble(p -> seconds(p.pid())).sum()));
        out.put("postgres", all.stream().filter(p -> p.info().command().map(c -> c.endsWith("/postgres"))
                .orElse(false)).mapToDouble(p -> seconds(p.pid())).sum());
        return out;
    }

    /** What each process used between two snapshots. */
    static Map<String, Double> between(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> out = new LinkedHashMap<>();
        after.forEach((k, v) -> out.put(k, v - before.getOrDefault(k, 0.0)));
        return out;
    }

    /** The whole stack's CPU seconds in a {@link #between} result. */
    static double total(Map<String, Double> used) {
        return used.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    private static double seconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // fields after the command (which may hold spaces) in parentheses: state is field 3, utime 14, stime 15
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS;
        } catch (IOException | RuntimeException e) {
            return 0; // the process ended meanwhile
        }
    }

    /** The pid of a measured process, by its name in {@link #PROCESSES}. */
    static Optional<Long> pid(String name) {
        String marker = PROCESSES.get(name);
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            return all.filter(p -> p.info().commandLine().map(c -> c.contains(marker) && c.contains("java"))
                    .orElse(false)).findFirst().map(ProcessHandle::pid);
        }
    }

    /** Resident memory of the first process matching {@code marker}, in bytes. */
    static Optional<Long> rss(String marker) {
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            return all.filter(p -> p.info().commandLine().map(c -> c.contains(marker) && c.contains("java"))
                    .orElse(false)).findFirst().map(p -> {
                        try {
                            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(p.pid()), "status"))) {
                                if (line.startsWith("VmRSS:")) {
                                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                                }
                            }
                        } catch (IOException e) {
                            return 0L;
                        }
                        return 0L;
                    });
        }
    }
}
