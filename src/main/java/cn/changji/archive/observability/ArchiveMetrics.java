package cn.changji.archive.observability;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;

/**
 * The service's own metrics, at /q/metrics next to the HTTP and JVM ones:
 * archive_search_seconds{endpoint} (latency histogram of search, related and suggest),
 * archive_search_hits (hits per search), archive_search_zero_results_total,
 * archive_import_documents_total{outcome = indexed | unchanged | failed},
 * archive_elasticsearch_errors_total{kind = unavailable | timeout | rejected | refused (401, 403: credentials or role)},
 * archive_rate_limited_total (reads refused with 429), archive_export_rows (rows read per batch of an export:
 * its largest value is the most an export held at once), archive_vectors_batch_seconds (time to embed a batch of
 * articles; its count is the batches), archive_vectors_computed_total (articles embedded), archive_vectors_pending
 * (articles still without a vector, as last counted).
 */
@Singleton
public class ArchiveMetrics {
    private final MeterRegistry registry;
    /** The search meters, registered once: looking a meter up by name and tags costs more than recording in it. */
    private final Map<String, Timer> searchTimers = new ConcurrentHashMap<>();
    private final DistributionSummary searchHits;
    private final Counter zeroResults;
    private final AtomicLong vectorsPending = new AtomicLong();
    private final Timer vectorBatches;
    private final Counter vectorsComputed;

    ArchiveMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.searchHits = DistributionSummary.builder("archive.search.hits").description("Hits per search").register(registry);
        this.zeroResults = Counter.builder("archive.search.zero.results").description("Searches that found nothing")
            .register(registry);
        Gauge.builder("archive.vectors.pending", vectorsPending, AtomicLong::get)
            .description("Articles without a vector yet, as last counted").register(registry);
        this.vectorBatches = Timer.builder("archive.vectors.batch").description("Time to embed a batch of articles")
            .register(registry);
        this.vectorsComputed = Counter.builder("archive.vectors.computed").description("Articles embedded")
            .register(registry);
    }

    public void searched(String endpoint, Duration took, long hits) {
        searchTimers.computeIfAbsent(endpoint, name -> Timer.builder("archive.search")
            .description("Time to answer a search, related or suggest request")
            .tag("endpoint", name).publishPercentileHistogram().register(registry)).record(took);
        if (endpoint.equals("search")) {
            searchHits.record(hits);
            if (hits == 0) {
                zeroResults.increment();
            }
        }
    }

    public void imported(int indexed, int unchanged, int failed) {
        document("indexed", indexed);
        document("unchanged", unchanged);
        document("failed", failed);
    }

    private void document(String outcome, int count) {
        Counter.builder("archive.import.documents").description("Articles of imports, by outcome")
            .tag("outcome", outcome).register(registry).increment(count);
    }

    public void elasticsearchError(String kind) {
        Counter.builder("archive.elasticsearch.errors").description("Failed calls to Elasticsearch, by kind")
            .tag("kind", kind).register(registry).increment();
    }

    public void exportBatch(int rows) {
        DistributionSummary.builder("archive.export.rows").description("Rows read per batch of an export")
            .register(registry).record(rows);
    }

    public void rateLimited() {
        Counter.builder("archive.rate.limited").description("Reads refused because their client sent too many").register(registry).increment();
    }

    public void vectorsComputed(int articles, Duration took) {
        vectorBatches.record(took);
        vectorsComputed.increment(articles);
    }

    public void vectorsPending(long articles) {
        vectorsPending.set(articles);
    }
}
