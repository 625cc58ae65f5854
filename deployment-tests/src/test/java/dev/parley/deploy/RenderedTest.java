package dev.parley.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The deployment checks do not pass on what a kubectl too old for the overlays renders. */
class RenderedTest {

    @Test
    void aKubectlOlderThanKustomizeV5IsRecognised() {
        // Debian 12's kubernetes-client 1.20 prints no kustomize version at all
        assertThat(Rendered.kustomizeMajor("Client Version: version.Info{Major:\"1\", Minor:\"20\", "
                + "GitVersion:\"v1.20.2\"}")).isLessThan(Rendered.KUSTOMIZE_MAJOR);
        assertThat(Rendered.kustomizeMajor("Client Version: v1.26.3\nKustomize Version: v4.5.7\n"))
                .isLessThan(Rendered.KUSTOMIZE_MAJOR);
        assertThat(Rendered.kustomizeMajor("Client Version: v1.32.4\nKustomize Version: v5.5.0\n"))
                .isGreaterThanOrEqualTo(Rendered.KUSTOMIZE_MAJOR);
    }
}
