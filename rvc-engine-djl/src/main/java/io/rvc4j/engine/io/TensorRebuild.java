package io.rvc4j.engine.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

/**
 * {@code torch._utils._rebuild_tensor_v2(storage, storage_offset, size, stride, ...)} without torch: checks that the
 * view stays inside its storage, then slices (contiguous views) or gathers a contiguous copy (strided views). Copies
 * draw on a byte budget tied to the file size, so a tiny file cannot ask for a huge broadcast tensor.
 */
final class TensorRebuild {

    /** Most dimensions a tensor may have; torch itself caps at 64. */
    private static final int MAX_RANK = 64;

    private long copyBudget;

    /** @param copyBudget most bytes all strided copies together may allocate */
    TensorRebuild(long copyBudget) {
        this.copyBudget = copyBudget;
    }

    TensorData rebuild(List<Object> args, StorageSource storages, PickleInput in) {
        if (args.size() < 4 || !(args.get(0) instanceof StorageRef ref)) {
            throw in.error("malformed tensor: expected (storage, offset, size, stride, ...)");
        }
        long offset = nonNegative(args.get(1), "storage offset", in);
        long[] size = longs(args.get(2), "size", in);
        long[] stride = longs(args.get(3), "stride", in);
        if (size.length != stride.length) {
            throw in.error("tensor size " + Arrays.toString(size) + " and stride " + Arrays.toString(stride)
                    + " differ in rank");
        }
        long numel = 1;
        long lastIndex = offset;
        try {
            for (int d = 0; d < size.length; d++) {
                numel = Math.multiplyExact(numel, size[d]);
                if (size[d] > 0) {
                    lastIndex = Math.addExact(lastIndex, Math.multiplyExact(size[d] - 1, stride[d]));
                }
            }
        } catch (ArithmeticException e) {
            throw in.error("tensor size " + Arrays.toString(size) + " overflows");
        }
        int elem = ref.dtype().bytes();
        if (numel > 0 && lastIndex >= ref.numel()) {
            throw in.error("tensor view " + Arrays.toString(size) + " at offset " + offset + " reaches element "
                    + lastIndex + " of a storage of " + ref.numel());
        }
        if (numel == 0) {
            return TensorData.of(ref.dtype(), size, ByteBuffer.allocate(0));
        }
        StorageSource.Window storage = storages.bytes(ref);
        if (isContiguous(size, stride)) {
            // stays where it is (a slice of an in-memory file, or a window of the file on disk)
            return TensorData.in(ref.dtype(), size, storage.source(), storage.offset() + offset * elem);
        }
        long bytes = numel * elem;
        if (bytes > copyBudget || bytes > Integer.MAX_VALUE - 8) {
            throw in.error("strided tensor " + Arrays.toString(size) + " would need " + bytes
                    + " bytes, more than the file can plausibly hold");
        }
        copyBudget -= bytes;
        ByteBuffer all = storage.source().read(storage.offset(), storage.length());
        return TensorData.of(ref.dtype(), size, gather(all, elem, offset, size, stride, (int) numel));
    }

    private static ByteBuffer gather(ByteBuffer src, int elem, long offset, long[] size, long[] stride, int numel) {
        ByteBuffer out = ByteBuffer.allocate(numel * elem).order(ByteOrder.LITTLE_ENDIAN);
        int rank = size.length;
        long[] idx = new long[rank];
        long pos = offset;
        byte[] tmp = new byte[elem];
        for (int n = 0; n < numel; n++) {
            src.get((int) (pos * elem), tmp);
            out.put(tmp);
            for (int d = rank - 1; d >= 0; d--) {
                idx[d]++;
                pos += stride[d];
                if (idx[d] < size[d]) {
                    break;
                }
                pos -= stride[d] * size[d];
                idx[d] = 0;
            }
        }
        return out.flip();
    }

    private static boolean isContiguous(long[] size, long[] stride) {
        long expected = 1;
        for (int d = size.length - 1; d >= 0; d--) {
            if (size[d] != 1 && stride[d] != expected) {
                return false;
            }
            expected *= size[d];
        }
        return true;
    }

    private static long[] longs(Object o, String what, PickleInput in) {
        if (!(o instanceof List<?> l) || l.size() > MAX_RANK) {
            throw in.error("tensor " + what + " must be a tuple of at most " + MAX_RANK + " ints");
        }
        long[] out = new long[l.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = nonNegative(l.get(i), what, in);
        }
        return out;
    }

    private static long nonNegative(Object o, String what, PickleInput in) {
        if (o instanceof Long v && v >= 0) {
            return v;
        }
        throw in.error("tensor " + what + " must hold non-negative ints");
    }
}
