"""The default pipeline stages; each is a pure function `Doc -> Doc`."""
