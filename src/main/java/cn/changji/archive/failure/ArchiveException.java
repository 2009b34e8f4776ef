package cn.changji.archive.failure;

import java.util.List;

/**
 * A failure a caller caused or must know about, in the archive's own terms: the features (ingest, search, index)
 * throw it and know nothing of HTTP; the web layer turns its kind into a status, the command line into an exit code.
 */
public class ArchiveException extends RuntimeException {
    /** What kind of failure: the one thing the web layer and the command line decide on. */
    public enum Kind {
        /** Input that cannot be taken as it is (a bad parameter, an empty file, a bad line). */
        INVALID,
        /** Nothing there under that name. */
        NOT_FOUND,
        /** Input over a size limit. */
        TOO_LARGE,
        /** Input of a kind that is not read at all (binary, an unknown format or charset). */
        UNSUPPORTED,
        /** Input read, but nothing in it could be taken; {@link #errors()} lists each part. */
        UNPROCESSABLE,
        /** The cluster cannot answer now; retry after {@link #retryAfterSeconds()}. */
        UNAVAILABLE
    }

    private final Kind kind;
    private final List<?> errors;
    private final Long retryAfterSeconds;

    public ArchiveException(Kind kind, String detail) {
        this(kind, detail, null, null);
    }

    /** With the individual errors (records refused, lines at fault) a report lists. */
    public ArchiveException(Kind kind, String detail, List<?> errors) {
        this(kind, detail, errors, null);
    }

    private ArchiveException(Kind kind, String detail, List<?> errors, Long retryAfterSeconds) {
        super(detail);
        this.kind = kind;
        this.errors = errors;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ArchiveException invalid(String detail) {
        return new ArchiveException(Kind.INVALID, detail);
    }

    /** Input that cannot be taken, with each part at fault (the lines of a list, say). */
    public static ArchiveException invalid(String detail, List<?> errors) {
        return new ArchiveException(Kind.INVALID, detail, errors);
    }

    /** The cluster cannot answer now; the caller should come back after this many seconds. */
    public static ArchiveException unavailable(String detail, long retryAfterSeconds) {
        return new ArchiveException(Kind.UNAVAILABLE, detail, null, retryAfterSeconds);
    }

    public Kind kind() {
        return kind;
    }

    public List<?> errors() {
        return errors;
    }

    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
