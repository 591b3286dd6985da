package org.fieldmark.adapter.local.detect;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes the few ONNX messages a tiny test model needs, field by field, with protobuf's wire
 * format: no generated classes, so no protoc in the build. The field numbers are ONNX's published
 * {@code onnx.proto} (ModelProto, GraphProto, NodeProto, AttributeProto, TensorProto,
 * ValueInfoProto, TypeProto, TensorShapeProto, OperatorSetIdProto).
 */
final class OnnxProto {

    /** TensorProto.DataType values. */
    static final int FLOAT = 1;
    static final int UINT8 = 2;
    static final int INT64 = 7;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CodedOutputStream out = CodedOutputStream.newInstance(bytes);

    private OnnxProto() {
    }

    /** ModelProto: ir_version 1, producer_name 2, graph 7, opset_import 8 (domain 1, version 2). */
    static byte[] model(int irVersion, int opset, String producer, OnnxProto graph) {
        OnnxProto opsetImport = new OnnxProto().string(1, "").int64(2, opset);
        return new OnnxProto().int64(1, irVersion).string(2, producer).message(7, graph).message(8, opsetImport)
                .toByteArray();
    }

    /** GraphProto: node 1, name 2, initializer 5, input 11, output 12 (added by the caller in that order). */
    static OnnxProto graph(String name) {
        return new OnnxProto().string(2, name);
    }

    OnnxProto node(OnnxProto node) {
        return message(1, node);
    }

    OnnxProto initializer(OnnxProto tensor) {
        return message(5, tensor);
    }

    OnnxProto input(OnnxProto valueInfo) {
        return message(11, valueInfo);
    }

    OnnxProto output(OnnxProto valueInfo) {
        return message(12, valueInfo);
    }

    /** NodeProto: input 1, output 2, name 3, op_type 4, attribute 5. */
    static OnnxProto node(String opType, String[] inputs, String output, OnnxProto... attributes) {
        OnnxProto node = new OnnxProto();
        for (String in : inputs) {
            node.string(1, in);
        }
        node.string(2, output).string(3, output).string(4, opType);
        for (OnnxProto attribute : attributes) {
            node.message(5, attribute);
        }
        return node;
    }

    /** AttributeProto of type INT (2): name 1, i 3, type 20. */
    static OnnxProto intAttribute(String name, long value) {
        return new OnnxProto().string(1, name).int64(3, value).int64(20, 2);
    }

    /** AttributeProto of type INTS (7): name 1, ints 8, type 20. */
    static OnnxProto intsAttribute(String name, long... values) {
        OnnxProto attribute = new OnnxProto().string(1, name);
        for (long v : values) {
            attribute.int64(8, v);
        }
        return attribute.int64(20, 7);
    }

    /** AttributeProto of type TENSOR (4): name 1, t 5, type 20. */
    static OnnxProto tensorAttribute(String name, OnnxProto tensor) {
        return new OnnxProto().string(1, name).message(5, tensor).int64(20, 4);
    }

    /** TensorProto of floats: dims 1, data_type 2, name 8, raw_data 9 (little-endian). */
    static OnnxProto floats(String name, long[] dims, float... values) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            raw.putFloat(v);
        }
        return tensor(name, dims, FLOAT, raw.array());
    }

    /** TensorProto of int64s, as {@link #floats}. */
    static OnnxProto longs(String name, long[] dims, long... values) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            raw.putLong(v);
        }
        return tensor(name, dims, INT64, raw.array());
    }

    private static OnnxProto tensor(String name, long[] dims, int type, byte[] raw) {
        OnnxProto tensor = new OnnxProto();
        for (long d : dims) {
            tensor.int64(1, d);
        }
        return tensor.int64(2, type).string(8, name).bytes(9, raw);
    }

    /**
     * ValueInfoProto: name 1, type 2 = TypeProto{tensor_type 1 = {elem_type 1, shape 2 =
     * TensorShapeProto{dim 1 = {dim_value 1}}}}.
     */
    static OnnxProto tensorValue(String name, int elementType, long... dims) {
        OnnxProto shape = new OnnxProto();
        for (long d : dims) {
            shape.message(1, new OnnxProto().int64(1, d));
        }
        OnnxProto tensorType = new OnnxProto().int64(1, elementType).message(2, shape);
        return new OnnxProto().string(1, name).message(2, new OnnxProto().message(1, tensorType));
    }

    private OnnxProto string(int field, String value) {
        return write(() -> out.writeString(field, value));
    }

    private OnnxProto int64(int field, long value) {
        return write(() -> out.writeInt64(field, value));
    }

    private OnnxProto bytes(int field, byte[] value) {
        return write(() -> out.writeByteArray(field, value));
    }

    private OnnxProto message(int field, OnnxProto message) {
        return bytes(field, message.toByteArray());
    }

    byte[] toByteArray() {
        write(out::flush);
        return bytes.toByteArray();
    }

    private OnnxProto write(Write write) {
        try {
            write.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    private interface Write {
        void run() throws IOException;
    }
}
