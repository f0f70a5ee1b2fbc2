"""The pipeline: end-to-end runs that chain the capabilities (the demo among them)."""

from borderwatch.pipeline.demo import DemoOptions, DemoResult, run_demo

__all__ = ["DemoOptions", "DemoResult", "run_demo"]
