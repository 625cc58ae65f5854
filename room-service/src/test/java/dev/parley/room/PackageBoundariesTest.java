package dev.parley.room;

import org.junit.jupiter.api.Test;

import dev.parley.testinfra.Boundaries;

/** Features depend one way, the root package on none, and only what another package uses is public (ADR 0017). */
class PackageBoundariesTest {

    @Test
    void featuresDependOneWayAndKeepTheirInternals() {
        Boundaries.verify("dev.parley.room");
    }
}
