package cn.changji.archive.testing;

import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.config.EncoderConfig;

/** REST Assured set up as the tests' client: bodies sent as they are, and (for writers) the test write key. */
public final class Http {
    /** %test.archive.write.api-key in application.properties. */
    public static final String WRITE_KEY = "test-write-key";

    private Http() {}

    /** Sends the write key with every request, and text bodies without a charset REST Assured would add on its own. */
    public static void asWriter() {
        sendBodiesAsIs();
        RestAssured.requestSpecification = new RequestSpecBuilder().addHeader("X-API-Key", WRITE_KEY).build();
    }

    /** Sends no key: a reader, or a writer who forgot it. */
    public static void asReader() {
        sendBodiesAsIs();
        RestAssured.requestSpecification = null;
    }

    private static void sendBodiesAsIs() {
        RestAssured.config = RestAssured.config().encoderConfig(
            EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false));
    }
}
