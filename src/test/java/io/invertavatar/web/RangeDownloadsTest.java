package io.invertavatar.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RangeDownloadsTest {

    @Test
    void singleRangesAreParsedAndClamped() {
        assertThat(RangeDownloads.parse("bytes=0-99", 1000)).isEqualTo(new RangeDownloads.Span(0, 99));
        assertThat(RangeDownloads.parse("bytes=900-", 1000)).isEqualTo(new RangeDownloads.Span(900, 999));
        assertThat(RangeDownloads.parse("bytes=900-5000", 1000)).isEqualTo(new RangeDownloads.Span(900, 999));
        assertThat(RangeDownloads.parse("bytes=-10", 1000)).isEqualTo(new RangeDownloads.Span(990, 999));
        assertThat(RangeDownloads.parse("bytes=-5000", 1000)).isEqualTo(new RangeDownloads.Span(0, 999));
    }

    @Test
    void rangesPastTheEndAreUnsatisfiable() {
        assertThat(RangeDownloads.parse("bytes=1000-", 1000).satisfiable()).isFalse();
        assertThat(RangeDownloads.parse("bytes=-0", 1000).satisfiable()).isFalse();
    }

    @Test
    void missingMalformedOrMultipleRangesMeanTheWholeBlob() {
        assertThat(RangeDownloads.parse(null, 1000)).isNull();
        assertThat(RangeDownloads.parse("bytes=5-1", 1000)).isNull();
        assertThat(RangeDownloads.parse("bytes=0-1,5-9", 1000)).isNull();
        assertThat(RangeDownloads.parse("items=0-1", 1000)).isNull();
        assertThat(RangeDownloads.parse("bytes=-", 1000)).isNull();
    }
}
