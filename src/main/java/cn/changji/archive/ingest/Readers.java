package cn.changji.archive.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.changji.archive.config.IngestConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The readers and taggers of imports as beans, each built once from its data files, for the importer and for tests. */
@Singleton
public class Readers {

    @Produces
    @Singleton
    PageLabels labels() {
        return PageLabels.load();
    }

    @Produces
    @Singleton
    PageFurniture furniture() {
        return PageFurniture.load();
    }

    @Produces
    @Singleton
    CountyTagger counties(IngestConfig config) {
        return CountyTagger.load(config.countiesFile());
    }

    @Produces
    @Singleton
    IndustryTagger industries(IngestConfig config) {
        return IndustryTagger.load(config.industriesFile());
    }

    @Produces
    @Singleton
    OrganizationTagger organizations(IngestConfig config, CountyTagger counties) {
        return OrganizationTagger.load(config.organizationsFile(), counties);
    }

    @Produces
    @Singleton
    ArticleEnricher enricher(CountyTagger counties, IndustryTagger industries, OrganizationTagger organizations) {
        return new ArticleEnricher(counties, industries, organizations);
    }

    @Produces
    @Singleton
    TextPageReader textPages(PageLabels labels, PageFurniture furniture, ArticleEnricher enricher) {
        return new TextPageReader(new PageTextParser(labels, furniture), enricher);
    }

    @Produces
    @Singleton
    HtmlPageReader htmlPages(PageLabels labels, PageFurniture furniture, ArticleEnricher enricher) {
        return new HtmlPageReader(labels, furniture, enricher);
    }

    @Produces
    @Singleton
    JsonArticleReader jsonArticles(ObjectMapper mapper, ArticleEnricher enricher) {
        return new JsonArticleReader(mapper, enricher);
    }
}
