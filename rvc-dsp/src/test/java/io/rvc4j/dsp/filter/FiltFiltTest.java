package io.rvc4j.dsp.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Fixtures: tools/reference/make_pipeline_fixtures.py (scipy.signal.butter / filtfilt). */
class FiltFiltTest {

    /** Coefficients are O(10) and alternate in sign; 1e-12 absolute is a few hundred ulps of double. */
    private static final double COEFF_TOLERANCE = 1e-12;
    /** The brief's bound for filtfilt against SciPy on float64 input. */
    private static final double SIGNAL_TOLERANCE = 1e-6;

    @Test
    void designs_rvc_high_pass_like_scipy_butter() {
        IirCoefficients c = Butterworth.rvcHighPass();
        double[] b = NpyFixture.doubles("butter_b.npy");
        double[] a = NpyFixture.doubles("butter_a.npy");
        System.out.printf("butter vs scipy: b %.3g, a %.3g%n", maxAbs(c.b(), b), maxAbs(c.a(), a));
        for (int i = 0; i < 6; i++) {
            assertThat(c.b()[i]).as("b[%d]", i).isCloseTo(b[i], within(COEFF_TOLERANCE));
            assertThat(c.a()[i]).as("a[%d]", i).isCloseTo(a[i], within(COEFF_TOLERANCE));
        }
    }

    @Test
    void computes_lfilter_zi_like_the_reference_note() {
        // reference note section 3.4 lists SciPy's lfilter_zi for RVC's filter; SciPy's linear solve is off by
        // about 2e-7 there (ill-conditioned system, see FiltFilt.lfilterZi), so 1e-6 is the honest bound
        double[] expected = {-0.9699604796995847, 3.8798419288925783, -5.819762908173043, 3.879841948472456,
            -0.9699604894923387};
        double[] zi = FiltFilt.lfilterZi(Butterworth.rvcHighPass());
        for (int i = 0; i < 5; i++) {
            assertThat(zi[i]).isCloseTo(expected[i], within(1e-6));
        }
    }

    @Test
    void matches_scipy_filtfilt_on_half_a_second() {
        double[] x = NpyFixture.doubles("filtfilt_input_seed7_8000.npy");
        double[] expected = NpyFixture.doubles("filtfilt_output.npy");
        double[] y = new FiltFilt(Butterworth.rvcHighPass()).apply(x);
        double err = maxAbs(y, expected);
        System.out.printf("filtfilt vs scipy, 8000 samples: max abs %.3g%n", err);
        assertThat(err).isLessThanOrEqualTo(SIGNAL_TOLERANCE);
    }

    @Test
    void matches_scipy_filtfilt_just_above_the_pad_length() {
        double[] x = new double[25];
        double[] pattern = {0.5, -0.25, 0.125, 0.75, -1.0};
        for (int i = 0; i < x.length; i++) {
            x[i] = pattern[i % 5];
        }
        double[] y = new FiltFilt(Butterworth.rvcHighPass()).apply(x);
        double err = maxAbs(y, NpyFixture.doubles("filtfilt_short_output.npy"));
        System.out.printf("filtfilt vs scipy, 25 samples: max abs %.3g%n", err);
        assertThat(err).isLessThanOrEqualTo(SIGNAL_TOLERANCE);
    }

    @Test
    void rejects_input_not_longer_than_the_pad() {
        FiltFilt f = new FiltFilt(Butterworth.rvcHighPass());
        assertThatThrownBy(() -> f.apply(new double[18])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more than 18 samples");
    }

    @Test
    void rejects_cutoff_above_nyquist() {
        assertThatThrownBy(() -> Butterworth.design(5, 9000, 16000, Butterworth.Type.HIGH_PASS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("9000");
    }

    static double maxAbs(double[] a, double[] b) {
        assertThat(a).hasSameSizeAs(b);
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }
}
