package cn.changji.archive.meaning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real model, in this process: what search by meaning rests on. */
class TextEmbedderTest {
    private static final String FLOUR_MILL = VectorText.of(null, "天山面粉:做好小麦精深加工转化 生产新疆绿色面粉", null,
        "1月23日,位于昌吉国家高新技术产业开发区的新疆天山面粉小麦食品加工产业园区内,重型运输车、叉车往来穿梭,"
            + "运往西安仓储库的面粉订单陆续在这里发运。");
    private static final String NEW_ENERGY = VectorText.of(null, "打造“风光”全产业链新标杆 新疆首个新能源产业发展联盟成立", null,
        "木垒哈萨克自治县新能源产业发展联盟成立大会召开,风电、光伏企业代表共商全产业链发展。");
    private static final String SAFETY = VectorText.of(null, "煤矿安全生产专项整治", null,
        "各煤矿企业要全面排查安全隐患,落实安全生产主体责任,坚决遏制重特大事故发生。");

    private static TextEmbedder embedder;

    @BeforeAll
    static void readTheModel() {
        embedder = new TextEmbedder();
    }

    @Test
    void passagesGetUnitVectorsOfTheModelsDimensions() {
        float[] vector = embedder.passage(FLOUR_MILL);
        assertEquals(TextEmbedder.DIMENSIONS, vector.length);
        assertEquals(1.0, norm(vector), 1e-3);
        assertTrue(embedder.loaded());
    }

    @Test
    void theSameTextGetsTheSameVector() {
        float[] first = embedder.passage(NEW_ENERGY);
        float[] again = embedder.passages(List.of(NEW_ENERGY)).get(0);
        assertEquals(1.0, cosine(first, again), 1e-6);
    }

    @Test
    void onEveryCoreEachPassageGetsItsOwnVectorInOrder() {
        List<String> texts = List.of(FLOUR_MILL, NEW_ENERGY, SAFETY, FLOUR_MILL, NEW_ENERGY, SAFETY);
        List<float[]> alone = embedder.passages(texts);
        List<float[]> spread = embedder.passagesOnAllCores(texts);
        assertEquals(texts.size(), spread.size());
        for (int i = 0; i < texts.size(); i++) {
            assertEquals(1.0, cosine(alone.get(i), spread.get(i)), 1e-6, "passage " + i);
        }
    }

    @Test
    void aQueryInOtherWordsIsNearestTheArticleItMeans() {
        List<float[]> articles = embedder.passages(List.of(FLOUR_MILL, NEW_ENERGY, SAFETY));
        assertNearest(0, embedder.query("小麦加工企业赶制订单"), articles);
        assertNearest(1, embedder.query("风电光伏企业抱团发展"), articles);
        assertNearest(2, embedder.query("矿井事故隐患排查"), articles);
    }

    private static void assertNearest(int expected, float[] query, List<float[]> articles) {
        int nearest = -1;
        double best = -2;
        StringBuilder similarities = new StringBuilder();
        for (int i = 0; i < articles.size(); i++) {
            double similarity = cosine(query, articles.get(i));
            similarities.append(String.format("%d: %.3f ", i, similarity));
            if (similarity > best) {
                best = similarity;
                nearest = i;
            }
        }
        assertEquals(expected, nearest, similarities.toString());
    }

    private static double norm(float[] vector) {
        return Math.sqrt(cosineParts(vector, vector));
    }

    private static double cosine(float[] a, float[] b) {
        return cosineParts(a, b) / (norm(a) * norm(b));
    }

    private static double cosineParts(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }
}
