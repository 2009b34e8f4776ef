package cn.changji.archive.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What SearchRoute answers itself and what it leaves to the resource. */
class SearchRouteTest {

    @Test
    void answersWhatTakesJsonPlainly() {
        assertTrue(SearchRoute.acceptsJson(null));
        assertTrue(SearchRoute.acceptsJson(""));
        assertTrue(SearchRoute.acceptsJson("*/*"));
        assertTrue(SearchRoute.acceptsJson("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"));
        assertTrue(SearchRoute.acceptsJson("Application/JSON; charset=utf-8"));
        assertTrue(SearchRoute.acceptsJson("application/*;q=0.1"));
    }

    @Test
    void leavesNegotiationToTheResource() {
        assertFalse(SearchRoute.acceptsJson("application/xml"));
        assertFalse(SearchRoute.acceptsJson("text/html"));
        assertFalse(SearchRoute.acceptsJson("application/json;q=0"));
        assertFalse(SearchRoute.acceptsJson("application/json; q=0.0, text/csv"));
        assertFalse(SearchRoute.acceptsJson("application/problem+json"));
    }

    @Test
    void requestIdsAreTheCallersWhenSaneElseNewRandomOnes() {
        assertEquals("trace-42.a_b", RequestIds.idFor("trace-42.a_b"));
        String fresh = RequestIds.idFor("not sane: spaces");
        assertTrue(fresh.matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"), fresh);
        assertFalse(fresh.equals(RequestIds.idFor(null)));
    }
}
