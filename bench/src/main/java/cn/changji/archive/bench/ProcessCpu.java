package cn.changji.archive.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The CPU time a process has used so far (all its threads, user and system), from /proc; 0 where unknown. */
final class ProcessCpu {
    /** Clock ticks per second of /proc's utime and stime: USER_HZ, 100 on every Linux this runs on. */
    private static final double TICKS_PER_SECOND = 100;

    private final long pid;

    ProcessCpu(long pid) {
        this.pid = pid;
    }

    /** The Elasticsearch node the benchmark talks to, by the process id it reports. */
    static ProcessCpu ofElasticsearch(Config config) throws IOException, InterruptedException {
        return new ProcessCpu(Http.get(config.elasticsearch() + "/_nodes/_local/process").ok().json()
            .path("nodes").elements().next().at("/process/id").asLong());
    }

    double seconds() {
        return pid <= 0 ? 0 : seconds(Path.of("/proc", Long.toString(pid), "stat"));
    }

    /** The CPU time of the process's JIT compiler threads (HotSpot's C1 and C2), the ones alive now. */
    double compilerSeconds() {
        if (pid <= 0) {
            return 0;
        }
        double sum = 0;
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                String name = read(task.resolve("comm"));
                if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                    sum += seconds(task.resolve("stat"));
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return sum;
    }

    private static double seconds(Path stat) {
        try {
            String line = read(stat);
            // the command name, in parentheses, may hold spaces: fields are counted after it (state is field 3)
            String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file).strip();
    }
}
