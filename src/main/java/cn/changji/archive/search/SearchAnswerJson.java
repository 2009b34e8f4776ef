package cn.changji.archive.search;

/**
 * A search's answer as the API gives it: the JSON of {@link SearchAnswer}, written once from Elasticsearch's answer
 * ({@link MsearchReading}), and the total of its hits.
 */
public record SearchAnswerJson(byte[] json, long total) {}
