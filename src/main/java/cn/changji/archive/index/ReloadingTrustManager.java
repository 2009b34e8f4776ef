package cn.changji.archive.index;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

import org.jboss.logging.Logger;

/**
 * Trusts the CA certificates of a PEM file (one or a bundle) and reads the file again when it changes: when ECK rotates
 * its CA, the kubelet updates the mounted Secret and the next connection to Elasticsearch is checked against the new
 * CA, without a restart. A chain the CA in memory refuses makes the file be read again before the refusal stands.
 */
final class ReloadingTrustManager extends X509ExtendedTrustManager {
    private static final Logger LOG = Logger.getLogger(ReloadingTrustManager.class);

    private record Loaded(FileTime modified, X509ExtendedTrustManager trust) {}

    private final Path file;
    private volatile Loaded loaded;

    /** Reads the file now: a CA that cannot be read stops the service at start, naming the file. */
    ReloadingTrustManager(Path file) {
        this.file = file;
        try {
            this.loaded = load();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read the Elasticsearch CA certificate " + file + ": " + e.getMessage(), e);
        }
    }

    private Loaded load() throws IOException, GeneralSecurityException {
        FileTime modified = Files.getLastModifiedTime(file);
        Collection<? extends Certificate> authorities;
        try (InputStream pem = Files.newInputStream(file)) {
            authorities = CertificateFactory.getInstance("X.509").generateCertificates(pem);
        }
        if (authorities.isEmpty()) {
            throw new CertificateException("no certificate in the file");
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        int i = 0;
        for (Certificate authority : authorities) {
            store.setCertificateEntry("elasticsearch-ca-" + i++, authority);
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509ExtendedTrustManager extended) {
                return new Loaded(modified, extended);
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager for " + file);
    }

    /** The CA as the file has it now: read again when its modification time changed, else the one in memory. */
    private X509ExtendedTrustManager current(boolean force) {
        Loaded known = loaded;
        try {
            if (force || !Files.getLastModifiedTime(file).equals(known.modified())) {
                synchronized (this) {
                    if (loaded == known) {
                        loaded = load();
                        if (!force || !loaded.modified().equals(known.modified())) {
                            LOG.infof("Read the Elasticsearch CA certificate %s again (changed %s)", file, loaded.modified());
                        }
                    }
                }
            }
        } catch (IOException | GeneralSecurityException e) {
            // a file half written by a rotation: keep the CA in memory, the next connection tries again
            LOG.warnf("Cannot read the Elasticsearch CA certificate %s again: %s; keeping the one read before", file, e.getMessage());
        }
        return loaded.trust();
    }

    private interface Check {
        void against(X509ExtendedTrustManager trust) throws CertificateException;
    }

    private void check(Check check) throws CertificateException {
        try {
            check.against(current(false));
        } catch (CertificateException refused) {
            check.against(current(true));
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(trust -> trust.checkServerTrusted(chain, authType, socket));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(trust -> trust.checkServerTrusted(chain, authType, engine));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(trust -> trust.checkServerTrusted(chain, authType));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        current(false).checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        current(false).checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        current(false).checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return current(false).getAcceptedIssuers();
    }
}
