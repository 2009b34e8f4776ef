package cn.changji.archive.testing;

import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;

/** REST Assured as a real client behaves: it must not add "charset=ISO-8859-1" to text bodies on its own. */
public final class Http {
    private Http() {}

    public static void sendBodiesAsIs() {
        RestAssured.config = RestAssured.config().encoderConfig(
            EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false));
    }
}
