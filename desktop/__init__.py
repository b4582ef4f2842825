"""ThinkDesk: offline desktop chat for DeepSeek-R1 distilled reasoning models."""

__version__ = "0.1.0"
