package cn.changji.archive.ingest;

import java.util.Optional;

/** The enricher an import uses, built from the built-in data files, for the readers' tests. */
final class Enrichers {
    private Enrichers() {}

    static ArticleEnricher builtIn() {
        CountyTagger counties = CountyTagger.load(Optional.empty());
        return new ArticleEnricher(counties, IndustryTagger.load(Optional.empty()), OrganizationTagger.load(Optional.empty(), counties));
    }
}
