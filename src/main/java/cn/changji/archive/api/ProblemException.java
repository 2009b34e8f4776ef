package cn.changji.archive.api;

/** A failure the caller caused or must know about, with the HTTP status it deserves and a detail in plain words. */
public class ProblemException extends RuntimeException {
    private final int status;

    public ProblemException(int status, String detail) {
        super(detail);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
