package cn.changji.archive.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * What one benchmark run uses: where things are, how big, how long. {@code floor}: a {@link PassThrough} the search
 * cells measure beside the service (null: none), whose process is {@code floorPid}.
 */
record Config(String service, String elasticsearch, String alias, String writeKey, int articles, int secondsPerCell,
              List<Integer> concurrency, Path work, Path out, boolean smoke, boolean ingestOnly, boolean searchOnly,
              boolean meaning, long servicePid, String floor, long floorPid) {

    static Config parse(String[] args) {
        String service = "http://127.0.0.1:18080";
        String elasticsearch = "http://127.0.0.1:19200";
        String alias = "bench";
        String key = System.getenv().getOrDefault("ARCHIVE_WRITE_API_KEY", "bench-key");
        int articles = 100_000;
        int seconds = 20;
        List<Integer> concurrency = List.of(1, 8, 32);
        Path work = Path.of("target", "bench");
        Path out = Path.of("BENCHMARKS.md");
        boolean smoke = false;
        boolean ingestOnly = false;
        boolean searchOnly = false;
        boolean meaning = false;
        long servicePid = 0;
        String floor = null;
        long floorPid = 0;
        for (String arg : args) {
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            String value = kv.length > 1 ? kv[1] : "";
            switch (kv[0]) {
                case "service" -> service = value;
                case "elasticsearch" -> elasticsearch = value;
                case "alias" -> alias = value;
                case "articles" -> articles = Integer.parseInt(value);
                case "seconds" -> seconds = Integer.parseInt(value);
                case "concurrency" -> concurrency = java.util.Arrays.stream(value.split(",")).map(Integer::valueOf).toList();
                case "work" -> work = Path.of(value);
                case "out" -> out = Path.of(value);
                case "smoke" -> smoke = true;
                case "ingest-only" -> ingestOnly = true;
                case "search-only" -> searchOnly = true;
                case "meaning" -> meaning = true;
                case "service-pid" -> servicePid = Long.parseLong(value);
                case "floor" -> floor = value;
                case "floor-pid" -> floorPid = Long.parseLong(value);
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        return new Config(service, elasticsearch, alias, key, articles, seconds, concurrency, work, out, smoke, ingestOnly, searchOnly,
            meaning, servicePid, floor, floorPid);
    }
}
