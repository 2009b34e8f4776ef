package cn.changji.archive.meaning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class ArticleVectorsTest {

    @Test
    void vectorsAreWrittenWithFiveDecimals() {
        assertEquals("[0.12346,-0.04000,0.00000,1.00000,-0.00001,0.00000]",
            ArticleVectors.vectorJson(new float[] { 0.123456f, -0.04f, 0f, 1f, -0.0000126f, -0.000001f }));
    }

    @Test
    void theJsonReadsBackAsTheVectorWithinRounding() throws Exception {
        float[] vector = new float[512];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = (float) Math.sin(i) / 7;
        }
        JsonNode read = new ObjectMapper().readTree(ArticleVectors.vectorJson(vector));
        float[] back = new float[read.size()];
        for (int i = 0; i < back.length; i++) {
            back[i] = (float) read.get(i).asDouble();
        }
        assertArrayEquals(vector, back, 0.000005f);
    }
}
