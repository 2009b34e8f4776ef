package cn.changji.archive.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
        if (pid <= 0) {
            return 0;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name, in parentheses, may hold spaces: fields are counted after it (state is field 3)
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
