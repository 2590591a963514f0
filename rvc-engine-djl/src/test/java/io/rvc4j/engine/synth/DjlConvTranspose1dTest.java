package io.rvc4j.engine.synth;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The polyphase transposed conv against the definition {@code y[o, n*s + k - p] += x[i, n] w[i, o, k]}. */
class DjlConvTranspose1dTest {

    @ParameterizedTest(name = "k={0} s={1} L={2}")
    @CsvSource({"16,10,5", "16,8,3", "20,8,4", "24,12,3", "4,2,9", "3,1,6", "5,2,4", "1,1,3", "7,3,1"})
    void matches_the_definition_of_conv_transpose_1d(int k, int s, int length) {
        int cin = 3;
        int cout = 2;
        int p = (k - s) / 2;
        Random r = new Random(k * 31L + s);
        float[] x = new float[cin * length];
        float[] w = new float[cin * cout * k];
        float[] b = new float[cout];
        for (float[] a : new float[][] {x, w, b}) {
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) r.nextGaussian();
            }
        }
        int outLen = (length - 1) * s - 2 * p + k;
        double[] expected = new double[cout * outLen];
        for (int o = 0; o < cout; o++) {
            for (int t = 0; t < outLen; t++) {
                expected[o * outLen + t] = b[o];
            }
            for (int i = 0; i < cin; i++) {
                for (int n = 0; n < length; n++) {
                    for (int kk = 0; kk < k; kk++) {
                        int t = n * s + kk - p;
                        if (t >= 0 && t < outLen) {
                            expected[o * outLen + t] += x[i * length + n] * w[(i * cout + o) * k + kk];
                        }
                    }
                }
            }
        }
        try (NDManager m = NDManager.newBaseManager()) {
            DjlConvTranspose1d conv = new DjlConvTranspose1d(m.create(w, new Shape(cin, cout, k)),
                    m.create(b), s, p);
            NDArray y = conv.apply(m.create(x, new Shape(1, cin, length)));
            assertThat(y.getShape()).isEqualTo(new Shape(1, cout, outLen));
            float[] actual = y.toFloatArray();
            for (int i = 0; i < actual.length; i++) {
                // fp32 sums of at most cin*ceil(k/s) = 6 products of N(0,1) values: rounding stays below 1e-5.
                assertThat((double) actual[i]).as("sample %d", i).isCloseTo(expected[i],
                        org.assertj.core.data.Offset.offset(1e-5));
            }
        }
    }
}
