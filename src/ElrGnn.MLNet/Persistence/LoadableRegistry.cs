using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.ML.Runtime;

namespace ElrGnn.MLNet.Persistence;

/// <summary>
/// Registers the loaders of every <see cref="IModelLoadable{TSelf}"/> type of an assembly with an environment's
/// component catalog. The scan runs once per assembly; registering again on the same catalog is a no-op.
/// </summary>
internal static class LoadableRegistry
{
    private const string RegisterMethodName = "Register"; // ModelLoader<TSelf>.Register

    private static readonly ConcurrentDictionary<Assembly, Action<IHostEnvironment>[]> Registrars = new();

    /// <summary>Registers one type's loader.</summary>
    public static void Register<TSelf>(IHostEnvironment env)
        where TSelf : class, Microsoft.ML.ITransformer, IModelLoadable<TSelf>
        => ModelLoader<TSelf>.Register(env);

    /// <summary>Registers the loaders of all loadable types in <paramref name="assembly"/>.</summary>
    public static void RegisterAssembly(IHostEnvironment env, Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(assembly);
        foreach (var register in Registrars.GetOrAdd(assembly, FindRegistrars))
            register(env);
    }

    /// <summary>The loadable types of an assembly (exposed for tests).</summary>
    public static IReadOnlyList<Type> FindLoadableTypes(Assembly assembly)
        => LoadableTypes(assembly).OrderBy(t => t.FullName, StringComparer.Ordinal).ToArray();

    private static Action<IHostEnvironment>[] FindRegistrars(Assembly assembly)
        => FindLoadableTypes(assembly)
            .Select(type => typeof(ModelLoader<>).MakeGenericType(type).GetMethod(RegisterMethodName)!
                .CreateDelegate<Action<IHostEnvironment>>())
            .ToArray();

    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        Type?[] types;
        try
        {
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException ex)
        {
            // Types whose dependencies are absent (e.g. a test framework) cannot be loadable components.
            types = ex.Types;
        }
        return types.OfType<Type>().Where(t => !t.IsAbstract && !t.IsGenericTypeDefinition
            && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IModelLoadable<>)
                                          && i.GetGenericArguments()[0] == t));
    }
}
