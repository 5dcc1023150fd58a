"""Export a fine-tuned cross-encoder to ONNX with int8 weights, the form claimtrack ships.

The torch model is traced once (TorchScript exporter, dynamic batch and sequence axes), then
ONNX Runtime's dynamic quantisation stores its linear layers' weights in int8 (activations are
quantised on the fly). The folder gets `model.onnx`, the tokenizer files and `config.json` (the
label names): everything `pipeline.contradict.onnx_pairs` needs, and nothing torch needs.
"""

from __future__ import annotations

import logging
import tempfile
import warnings
from pathlib import Path
from typing import Any

from pipeline.contradict.onnx_pairs import ONNX_FILE

INPUTS = ("input_ids", "attention_mask", "token_type_ids")


def export_int8(model: Any, tokenizer: Any, out: Path) -> Path:
    """Write `model` (a torch sequence classifier, left in fp32 eval mode) and `tokenizer` to
    `out` as an int8 ONNX model; return the model file."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    out.mkdir(parents=True, exist_ok=True)
    model = model.float().eval()
    sample = tokenizer(["a sample premise"], ["a sample hypothesis"], return_tensors="pt")
    axes = {name: {0: "batch", 1: "tokens"} for name in INPUTS}
    with tempfile.TemporaryDirectory() as tmp, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        full = Path(tmp) / "fp32.onnx"
        torch.onnx.export(
            model,
            tuple(sample[name] for name in INPUTS),
            str(full),
            input_names=list(INPUTS),
            output_names=["logits"],
            dynamic_axes={**axes, "logits": {0: "batch"}},
            opset_version=17,
            dynamo=False,
        )
        target = out / ONNX_FILE
        logging.disable(logging.WARNING)  # its advice to pre-process is for vision models
        try:
            # 7-bit weights: on a CPU without VNNI (AVX2 only) the full 8-bit range saturates
            # the integer products, and a tiny test model's probabilities moved by 0.08
            quantize_dynamic(str(full), str(target), weight_type=QuantType.QInt8, reduce_range=True)
        finally:
            logging.disable(logging.NOTSET)
    model.config.save_pretrained(out)
    tokenizer.save_pretrained(out)
    return target
