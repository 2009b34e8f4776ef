package cn.changji.archive.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Backups of the archive: Elasticsearch snapshots of the articles index, its alias and the synonyms. */
@ConfigMapping(prefix = "archive.snapshot")
public interface SnapshotConfig {

    /** The snapshot repository of the cluster the commands use. */
    @WithDefault("archive-backups")
    String repository();

    /**
     * When set, the commands register the repository as a shared file system one at this location (a path inside
     * the nodes' path.repo, or relative to it); unset, the repository must exist (an object store on ECK, say).
     */
    Optional<String> location();

    /** How long a snapshot or a restore may take before the command gives up waiting (it goes on in the cluster). */
    @WithDefault("2h")
    Duration timeout();
}
