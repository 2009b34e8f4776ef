package cn.changji.archive.testing;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * A test profile whose service reaches the secured node (started here, before the service) as the user
 * archive-search, with the settings {@link #settings} adds or replaces. The test class stops the node after it.
 */
public abstract class SecuredProfile implements QuarkusTestProfile {

    /** What the test changes in the service's settings: info is the node's (ES_URL, ES_CA, ES_PASSWORD, ...). */
    protected abstract void settings(Map<String, String> info, Map<String, String> settings);

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> info = SecuredElasticsearch.start();
        Map<String, String> settings = new HashMap<>(SecuredElasticsearch.serviceSettings(info, info.get("ES_USERNAME"),
            info.get("ES_PASSWORD")));
        settings(info, settings);
        return settings;
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }
}
