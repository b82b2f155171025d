global using RetouchPlugins.Shaders;
global using RetouchPlugins.Shaders.Color;
global using RetouchPlugins.Shaders.Kernels;
global using RetouchPlugins.Shaders.Masks;
global using RetouchPlugins.Shared.Analysis;
global using RetouchPlugins.Shared.Running;
