package cn.changji.archive.search;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;

/**
 * A search's answer as the API gives it: the JSON of {@link SearchAnswer}, written once from Elasticsearch's answer
 * ({@link MsearchReading}), and the total of its hits. The JSON is kept in the pieces it was written in; the search
 * route sends them as they are ({@link #buffer()}, one copy: into the socket's buffer), other callers take them
 * joined ({@link #json()}).
 */
public final class SearchAnswerJson {
    private final byte[][] arrays;
    private final int[] offsets;
    private final int[] lengths;
    private final long total;

    /** An answer written in one array. */
    public SearchAnswerJson(byte[] json, long total) {
        this(new byte[][] {json}, new int[] {0}, new int[] {json.length}, total);
    }

    /** An answer in pieces: {@code lengths[i]} bytes of {@code arrays[i]} from {@code offsets[i]}, in order. */
    SearchAnswerJson(byte[][] arrays, int[] offsets, int[] lengths, long total) {
        this.arrays = arrays;
        this.offsets = offsets;
        this.lengths = lengths;
        this.total = total;
    }

    public long total() {
        return total;
    }

    /** The JSON in one array of its exact length. */
    public byte[] json() {
        if (arrays.length == 1 && offsets[0] == 0 && lengths[0] == arrays[0].length) {
            return arrays[0];
        }
        int length = 0;
        for (int piece : lengths) {
            length += piece;
        }
        byte[] json = new byte[length];
        int at = 0;
        for (int i = 0; i < arrays.length; i++) {
            System.arraycopy(arrays[i], offsets[i], json, at, lengths[i]);
            at += lengths[i];
        }
        return json;
    }

    /** The JSON as a buffer over its pieces, not copied. */
    public Buffer buffer() {
        if (arrays.length == 1) {
            return Buffer.buffer(Unpooled.wrappedBuffer(arrays[0], offsets[0], lengths[0]));
        }
        ByteBuf[] pieces = new ByteBuf[arrays.length];
        for (int i = 0; i < arrays.length; i++) {
            pieces[i] = Unpooled.wrappedBuffer(arrays[i], offsets[i], lengths[i]);
        }
        return Buffer.buffer(Unpooled.wrappedBuffer(pieces.length, pieces));
    }
}
