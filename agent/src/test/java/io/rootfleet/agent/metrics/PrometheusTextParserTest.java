package io.rootfleet.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The test parser itself refuses what the format refuses, or a pass of MetricsTextTest would mean little. */
class PrometheusTextParserTest {

    @Test
    void readsAValidExposition() {
        PrometheusTextParser.Exposition e = PrometheusTextParser.parse("""
                # HELP x_total Things.\\nMore.
                # TYPE x_total counter
                x_total 3
                # TYPE g gauge
                g{a="1",b="q\\"uote"} -Inf
                g{a="2"} NaN
                # TYPE h histogram
                h_bucket{le="1.0"} 1
                h_bucket{le="+Inf"} 2
                h_sum 3.5
                h_count 2
                """);
        assertThat(e.value("x_total", Map.of())).isEqualTo(3);
        assertThat(e.value("g", Map.of("a", "1", "b", "q\"uote"))).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(e.value("h_count", Map.of())).isEqualTo(2);
    }

    @Test
    void refusesWhatTheFormatRefuses() {
        assertThatThrownBy(() -> PrometheusTextParser.parse("x 1")).hasMessageContaining("newline");
        assertThatThrownBy(() -> PrometheusTextParser.parse("x 1\n")).hasMessageContaining("outside every declared family");
        assertThatThrownBy(() -> PrometheusTextParser.parse("# TYPE x gauge\nx one\n")).hasMessageContaining("not a float");
        assertThatThrownBy(() -> PrometheusTextParser.parse("# TYPE x gauge\nx{a=\"1\",a=\"2\"} 1\n")).hasMessageContaining("repeated label");
        assertThatThrownBy(() -> PrometheusTextParser.parse("# TYPE x gauge\nx{a=1} 1\n")).hasMessageContaining("bad labels");
        assertThatThrownBy(() -> PrometheusTextParser.parse("# TYPE x gauge\nx 1\nx 2\n")).hasMessageContaining("duplicate series");
        assertThatThrownBy(() -> PrometheusTextParser.parse("# TYPE x gauge\n# TYPE x gauge\n")).hasMessageContaining("repeated TYPE");
        assertThatThrownBy(() -> PrometheusTextParser.parse("# TYPE x gauge\n# TYPE y gauge\ny 1\nx 1\n"))
                .hasMessageContaining("not together");
        assertThatThrownBy(() -> PrometheusTextParser.parse("# TYPE x foo\n")).hasMessageContaining("TYPE");
        assertThatThrownBy(() -> PrometheusTextParser.parse("# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\n"
                + "h_sum 1\nh_count 1\n")).hasMessageContaining("cumulative");
        assertThatThrownBy(() -> PrometheusTextParser.parse("# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\nh_sum 1\nh_count 1\n"))
                .hasMessageContaining("is not _count");
        assertThatThrownBy(() -> PrometheusTextParser.parse("# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_sum 1\nh_count 1\n"))
                .hasMessageContaining("no +Inf bucket");
    }
}
