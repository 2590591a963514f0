package io.rvc4j.engine.io;

import io.rvc4j.engine.io.TensorData.DType;
import java.util.Map;
import java.util.Set;

/**
 * A global a pickle names ({@code GLOBAL}, {@code STACK_GLOBAL}, {@code INST}, {@code OBJ}), classified against the
 * allow-list. The list was drawn up by reading what torch's own weights-only unpickler
 * ({@code torch/_weights_only_unpickler.py}, torch 2.x) accepts, plus the classes fairseq/omegaconf checkpoints name,
 * which we only ever keep as inert {@link PickleStub}s. Nothing outside it gets past {@link #resolve}.
 */
record PickleGlobal(String module, String name, Kind kind, DType storageType) {

    /** What the unpickler does when the global is called (REDUCE / NEWOBJ) or used as a value. */
    enum Kind {
        /** collections.OrderedDict, builtins.dict, collections.Counter, collections.defaultdict. */
        DICT,
        /** builtins.list. */
        LIST,
        /** builtins.set / frozenset. */
        SET,
        /** builtins.bytearray, builtins.bytes. */
        BYTEARRAY,
        /** _codecs.encode(str, "latin1"): how protocol 2 spells bytes. */
        CODECS_ENCODE,
        /** torch._utils._rebuild_tensor / _v2 / _v3: a dense tensor over a storage. */
        REBUILD_TENSOR,
        /** torch._utils._rebuild_parameter / _with_state, torch.nn.parameter.Parameter: the tensor inside. */
        REBUILD_PARAMETER,
        /** torch._tensor._rebuild_from_type_v2(func, type, args, state): func(*args). */
        REBUILD_FROM_TYPE,
        /** Safe torch rebuild functions for tensors we do not support (quantized, sparse, meta, nested, ...). */
        UNSUPPORTED_TENSOR,
        /** torch.HalfStorage and the other storage classes (persistent ids name them). */
        STORAGE_TYPE,
        /** torch.Size: a tuple of ints. */
        SIZE,
        /** Harmless values: dtypes, layouts, torch.device, torch.Tensor, quantization schemes. */
        VALUE,
        /** Classes from configuration objects kept as {@link PickleStub}. */
        STUB
    }

    private static final Map<String, Kind> EXACT = Map.ofEntries(
            Map.entry("collections.OrderedDict", Kind.DICT),
            Map.entry("collections.Counter", Kind.DICT),
            Map.entry("collections.defaultdict", Kind.DICT),
            Map.entry("builtins.dict", Kind.DICT),
            Map.entry("builtins.list", Kind.LIST),
            Map.entry("builtins.set", Kind.SET),
            Map.entry("builtins.frozenset", Kind.SET),
            Map.entry("builtins.bytearray", Kind.BYTEARRAY),
            Map.entry("builtins.bytes", Kind.BYTEARRAY),
            Map.entry("_codecs.encode", Kind.CODECS_ENCODE),
            Map.entry("torch._utils._rebuild_tensor", Kind.REBUILD_TENSOR),
            Map.entry("torch._utils._rebuild_tensor_v2", Kind.REBUILD_TENSOR),
            Map.entry("torch._utils._rebuild_tensor_v3", Kind.REBUILD_TENSOR),
            Map.entry("torch._utils._rebuild_parameter", Kind.REBUILD_PARAMETER),
            Map.entry("torch._utils._rebuild_parameter_with_state", Kind.REBUILD_PARAMETER),
            Map.entry("torch.nn.parameter.Parameter", Kind.REBUILD_PARAMETER),
            Map.entry("torch._tensor._rebuild_from_type_v2", Kind.REBUILD_FROM_TYPE),
            Map.entry("torch._utils._rebuild_qtensor", Kind.UNSUPPORTED_TENSOR),
            Map.entry("torch._utils._rebuild_sparse_tensor", Kind.UNSUPPORTED_TENSOR),
            Map.entry("torch._utils._rebuild_meta_tensor_no_storage", Kind.UNSUPPORTED_TENSOR),
            Map.entry("torch._utils._rebuild_nested_tensor", Kind.UNSUPPORTED_TENSOR),
            Map.entry("torch._utils._rebuild_wrapper_subclass", Kind.UNSUPPORTED_TENSOR),
            Map.entry("torch._utils._rebuild_device_tensor_from_numpy", Kind.UNSUPPORTED_TENSOR),
            Map.entry("torch._utils._rebuild_device_tensor_from_cpu_tensor", Kind.UNSUPPORTED_TENSOR),
            Map.entry("torch.Size", Kind.SIZE),
            Map.entry("torch.device", Kind.VALUE),
            Map.entry("torch.Tensor", Kind.VALUE),
            Map.entry("torch.serialization._get_layout", Kind.VALUE),
            Map.entry("torch.strided", Kind.VALUE),
            Map.entry("torch.sparse_coo", Kind.VALUE),
            Map.entry("builtins.complex", Kind.VALUE),
            Map.entry("argparse.Namespace", Kind.STUB),
            Map.entry("pathlib.PosixPath", Kind.STUB),
            Map.entry("pathlib.WindowsPath", Kind.STUB),
            Map.entry("pathlib.Path", Kind.STUB),
            Map.entry("copyreg._reconstructor", Kind.STUB),
            Map.entry("builtins.object", Kind.STUB),
            Map.entry("builtins.int", Kind.STUB),
            Map.entry("builtins.float", Kind.STUB),
            Map.entry("builtins.str", Kind.STUB),
            Map.entry("builtins.bool", Kind.STUB),
            Map.entry("builtins.tuple", Kind.STUB),
            Map.entry("builtins.NoneType", Kind.STUB),
            Map.entry("numpy.dtype", Kind.STUB),
            Map.entry("numpy.ndarray", Kind.STUB),
            Map.entry("numpy.core.multiarray.scalar", Kind.STUB),
            Map.entry("numpy.core.multiarray._reconstruct", Kind.STUB),
            Map.entry("numpy._core.multiarray.scalar", Kind.STUB),
            Map.entry("numpy._core.multiarray._reconstruct", Kind.STUB));

    /**
     * Modules whose every class is configuration data in the checkpoints we read (fairseq's dataclass configs and
     * enums, omegaconf's DictConfig nodes, typing annotations stored in omegaconf metadata).
     */
    private static final Set<String> STUB_MODULE_PREFIXES = Set.of("omegaconf", "fairseq", "typing", "enum");

    private static final Map<String, DType> STORAGES = Map.ofEntries(
            Map.entry("HalfStorage", DType.F16),
            Map.entry("BFloat16Storage", DType.BF16),
            Map.entry("FloatStorage", DType.F32),
            Map.entry("DoubleStorage", DType.F64),
            Map.entry("CharStorage", DType.I8),
            Map.entry("ByteStorage", DType.U8),
            Map.entry("ShortStorage", DType.I16),
            Map.entry("IntStorage", DType.I32),
            Map.entry("LongStorage", DType.I64),
            Map.entry("BoolStorage", DType.BOOL),
            Map.entry("UntypedStorage", DType.U8));

    /** Unsupported-but-safe storages (complex, quantized): allowed so the error says "unsupported", not "unsafe". */
    private static final Set<String> OTHER_STORAGES = Set.of("ComplexFloatStorage", "ComplexDoubleStorage",
            "QInt8Storage", "QUInt8Storage", "QInt32Storage", "QUInt4x2Storage", "QUInt2x4Storage", "TypedStorage");

    /** The dtype names torch pickles as globals ({@code torch.float16} etc.). */
    private static final Set<String> DTYPES = Set.of("float16", "half", "bfloat16", "float32", "float", "float64",
            "double", "int8", "uint8", "int16", "short", "int32", "int", "int64", "long", "bool", "complex64",
            "complex128", "uint16", "uint32", "uint64", "float8_e4m3fn", "float8_e5m2", "qint8", "quint8", "qint32",
            "per_tensor_affine", "per_tensor_symmetric", "per_channel_affine", "per_channel_symmetric",
            "per_channel_affine_float_qparams");

    /** Python 2 module names that protocol-2 pickles still carry (a subset of Python's _compat_pickle). */
    private static final Map<String, String> PY2_MODULES = Map.of("__builtin__", "builtins", "copy_reg", "copyreg",
            "commands", "subprocess", "exceptions", "builtins");

    /** The Python 3 name of a module a protocol-2 pickle may spell the Python 2 way. */
    static String normalModule(String module) {
        return PY2_MODULES.getOrDefault(module, module);
    }

    /** Python 2 builtin names protocol 2 writes for Python 3 types (_compat_pickle.NAME_MAPPING, the harmless ones). */
    private static final Map<String, String> PY2_BUILTINS = Map.of("long", "int", "unicode", "str", "basestring", "str");

    String qualifiedName() {
        return module + "." + name;
    }

    /**
     * Classifies a global, or returns null when it is not on the allow-list (the caller refuses the file).
     */
    static PickleGlobal resolve(String rawModule, String rawName) {
        String name = rawName;
        String module = normalModule(rawModule);
        if (rawModule.equals("__builtin__") && PY2_BUILTINS.containsKey(rawName)) {
            return resolve("builtins", PY2_BUILTINS.get(rawName));
        }
        String full = module + "." + name;
        Kind kind = EXACT.get(full);
        if (kind != null) {
            return new PickleGlobal(module, name, kind, null);
        }
        if (module.equals("torch") || module.equals("torch.storage") || module.equals("torch.cuda")) {
            DType storage = STORAGES.get(name);
            if (storage != null || OTHER_STORAGES.contains(name)) {
                return new PickleGlobal(module, name, Kind.STORAGE_TYPE, storage);
            }
        }
        if (module.equals("torch") && DTYPES.contains(name)) {
            return new PickleGlobal(module, name, Kind.VALUE, null);
        }
        String top = module.contains(".") ? module.substring(0, module.indexOf('.')) : module;
        if (STUB_MODULE_PREFIXES.contains(top) && !name.startsWith("_") && isPlainName(name)) {
            return new PickleGlobal(module, name, Kind.STUB, null);
        }
        return null;
    }

    private static boolean isPlainName(String name) {
        return !name.isEmpty() && name.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_' || c == '.');
    }
}
