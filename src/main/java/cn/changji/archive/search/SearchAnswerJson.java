package cn.changji.archive.search;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;

/**
 * A search's answer as the API gives it: the JSON of {@link SearchAnswer}, written once from Elasticsearch's answer
 * ({@link MsearchReading}), and the total of its hits. The JSON is kept in the pieces it was written in (a heap
 * buffer over them); the search route sends them as they are ({@link #buffer()}, one copy: into the socket's
 * buffer), other callers take them joined ({@link #json()}).
 */
public final class SearchAnswerJson {
    private final ByteBuf json;
    private final long total;

    /** An answer written in one array. */
    public SearchAnswerJson(byte[] json, long total) {
        this(Unpooled.wrappedBuffer(json), total);
    }

    /** An answer over the pieces it was written in. */
    SearchAnswerJson(ByteBuf json, long total) {
        this.json = json;
        this.total = total;
    }

    public long total() {
        return total;
    }

    /** The JSON in one array of its exact length: the answer's own array when it was written in one. */
    public byte[] json() {
        if (json.hasArray() && json.arrayOffset() == 0 && json.readerIndex() == 0
            && json.readableBytes() == json.array().length) {
            return json.array();
        }
        return ByteBufUtil.getBytes(json);
    }

    /** The JSON as a buffer over its pieces, not copied. */
    public Buffer buffer() {
        return Buffer.buffer(json);
    }
}
