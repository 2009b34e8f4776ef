package cn.changji.archive.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * One direction through the code: the web layer (cn.changji.archive.api: resources, filters, the problem mapping)
 * knows the features; the features (ingest, search, index, the article model) and the command line know nothing of
 * HTTP, and no package depends on another that depends back on it.
 */
class ArchitectureTest {
    private static final JavaClasses SERVICE = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("cn.changji.archive");

    @Test
    void noPackageCycle() {
        slices().matching("cn.changji.archive.(*)..").should().beFreeOfCycles().check(SERVICE);
    }

    @Test
    void httpTypesOnlyInTheWebLayer() {
        noClasses().that().resideOutsideOfPackage("cn.changji.archive.api..")
            .and().doNotHaveSimpleName("ElasticsearchHttp")
            .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "org.jboss.resteasy..",
                "io.vertx.ext.web..", "io.vertx.core.http..")
            .because("statuses, headers and requests belong to the web layer; features throw ArchiveException "
                + "(the searches' HTTP client to Elasticsearch, ElasticsearchHttp, is a client of Vert.x's, not the web layer)")
            .check(SERVICE);
    }

    @Test
    void nothingBelowTheWebLayerUsesIt() {
        noClasses().that().resideOutsideOfPackage("cn.changji.archive.api..")
            .should().dependOnClassesThat().resideInAPackage("cn.changji.archive.api..")
            .check(SERVICE);
    }
}
