// Records and processors appear in nearly every runtime file.
global using RecoStreams.Streams.Processor;
