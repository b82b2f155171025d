// The pixel kernels are used throughout the shared core.
global using RetouchPlugins.Shaders;
global using RetouchPlugins.Shaders.Color;
global using RetouchPlugins.Shaders.Kernels;
global using RetouchPlugins.Shaders.Masks;
