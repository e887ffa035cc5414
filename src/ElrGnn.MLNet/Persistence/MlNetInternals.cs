using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;

namespace ElrGnn.MLNet.Persistence;

/// <summary>
/// The only place that touches ML.NET internals (Microsoft.ML 5.0.x), all through reflection.
/// </summary>
/// <remarks>
/// ML.NET gives an outside assembly no public way to carry learned state through
/// <c>mlContext.Model.Save/Load</c>: <see cref="ModelSaveContext"/>'s members, <c>ModelLoadContext</c>,
/// <c>VersionInfo</c>, <c>LoadableClassAttribute</c> and the component catalog's registration are internal
/// (the library's [BestFriend] plumbing). We use exactly the members ML.NET's own components use
/// (Microsoft.ML.TorchSharp saves its weights the same way):
/// <list type="bullet">
/// <item>save: <c>ModelSaveContext.CheckAtModel()</c>, <c>.SetVersionInfo(VersionInfo)</c>, <c>.Writer</c>, <c>.SaveBinaryStream</c>;</item>
/// <item>load: <c>ModelLoadContext.CheckAtModel(VersionInfo)</c>, <c>.Reader</c>, <c>.TryLoadBinaryStream</c>;</item>
/// <item>registration: a <c>LoadableClassAttribute</c> for <c>SignatureLoadModel</c> turned into a
/// <c>ComponentCatalog.LoadableClassInfo</c> and added with the catalog's private <c>AddClass</c>;</item>
/// <item>estimators: <c>SchemaShape.Create(DataViewSchema)</c>; catalogs: <c>IInternalCatalog.Environment</c>;
/// seeding: <c>IHostEnvironmentInternal.Seed</c>.</item>
/// </list>
/// Every member is looked up lazily and fails with one clear message if ML.NET moved it;
/// <see cref="VerifyAll"/> touches them all (a test calls it). Exceptions thrown by ML.NET itself are
/// not wrapped in <see cref="TargetInvocationException"/>.
/// </remarks>
internal static class MlNetInternals
{
    private const string Supported = "ElrGnn.MLNet supports Microsoft.ML 5.0.x";
    private const BindingFlags Instance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
    private const BindingFlags Static = BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic;

    private static readonly Assembly CoreAssembly = typeof(ModelSaveContext).Assembly;
    private static readonly Assembly DataAssembly = typeof(MLContext).Assembly;

    private static readonly Lazy<Type> VersionInfoType = new(() => FindType(CoreAssembly, "Microsoft.ML.VersionInfo"));
    private static readonly Lazy<Type> LoadContextType = new(() => FindType(CoreAssembly, "Microsoft.ML.ModelLoadContext"));

    private static readonly Lazy<ConstructorInfo> VersionInfoCtor = new(() => FindCtor(VersionInfoType.Value,
        typeof(string), typeof(uint), typeof(uint), typeof(uint), typeof(string), typeof(string), typeof(string)));

    private static readonly Lazy<MethodInfo> SaveCheckAtModel = new(() => FindMethod(typeof(ModelSaveContext), "CheckAtModel"));
    private static readonly Lazy<MethodInfo> SaveSetVersionInfo = new(() => FindMethod(typeof(ModelSaveContext), "SetVersionInfo", VersionInfoType.Value));
    private static readonly Lazy<FieldInfo> SaveWriter = new(() => FindField(typeof(ModelSaveContext), "Writer", typeof(BinaryWriter)));
    private static readonly Lazy<MethodInfo> SaveBinaryStreamMethod = new(() =>
        FindMethod(typeof(ModelSaveContext), "SaveBinaryStream", typeof(string), typeof(Action<BinaryWriter>)));

    private static readonly Lazy<MethodInfo> LoadCheckAtModel = new(() => FindMethod(LoadContextType.Value, "CheckAtModel", VersionInfoType.Value));
    private static readonly Lazy<FieldInfo> LoadReader = new(() => FindField(LoadContextType.Value, "Reader", typeof(BinaryReader)));
    private static readonly Lazy<MethodInfo> LoadBinaryStreamMethod = new(() =>
        FindMethod(LoadContextType.Value, "TryLoadBinaryStream", typeof(string), typeof(Action<BinaryReader>)));

    private static readonly Lazy<Type> SignatureLoadModelType = new(() => FindType(CoreAssembly, "Microsoft.ML.SignatureLoadModel"));
    private static readonly Lazy<ConstructorInfo> LoadableClassAttributeCtor = new(() => FindCtor(
        FindType(CoreAssembly, "Microsoft.ML.LoadableClassAttribute"),
        typeof(Type), typeof(Type), typeof(Type), typeof(Type), typeof(string), typeof(string[])));
    private static readonly Lazy<ConstructorInfo> LoadableClassInfoCtor = new(() =>
    {
        var infoType = typeof(ComponentCatalog).GetNestedType("LoadableClassInfo", BindingFlags.NonPublic | BindingFlags.Public)
            ?? throw Moved("ComponentCatalog.LoadableClassInfo");
        return FindCtor(infoType, FindType(CoreAssembly, "Microsoft.ML.LoadableClassAttributeBase"),
            typeof(MethodInfo), typeof(ConstructorInfo), typeof(MethodInfo), typeof(bool));
    });
    private static readonly Lazy<MethodInfo> CatalogAddClass = new(() => FindMethod(typeof(ComponentCatalog), "AddClass",
        LoadableClassInfoCtor.Value.DeclaringType!, typeof(string[]), typeof(bool)));

    private static readonly Lazy<MethodInfo> SchemaShapeCreate = new(() =>
        typeof(SchemaShape).GetMethod("Create", Static, null, [typeof(DataViewSchema)], null) ?? throw Moved("SchemaShape.Create(DataViewSchema)"));
    private static readonly Lazy<PropertyInfo> CatalogEnvironment = new(() =>
        FindProperty(FindType(DataAssembly, "Microsoft.ML.Data.IInternalCatalog"), "Environment"));
    private static readonly Lazy<PropertyInfo> EnvironmentSeed = new(() =>
        FindProperty(FindType(CoreAssembly, "Microsoft.ML.Runtime.IHostEnvironmentInternal"), "Seed"));

    // Loader signatures registered so far, per catalog (one catalog per MLContext).
    private static readonly ConditionalWeakTable<ComponentCatalog, Dictionary<string, Type>> Registered = new();

    /// <summary>Checks the save context sits at the start of the model block (as every ML.NET component does first).</summary>
    public static void CheckAtModel(ModelSaveContext ctx) => Invoke(SaveCheckAtModel.Value, ctx);

    /// <summary>
    /// Writes the component's identity into the header: an 8-character model signature (spaces allowed),
    /// the version written, the oldest reader version that can read it, the oldest version this code reads
    /// back, the loader signature (at most 24 ASCII characters) and optionally the loader's assembly name.
    /// </summary>
    public static void SetVersionInfo(ModelSaveContext ctx, string modelSignature, uint verWritten, uint verReadable,
        uint verWeCanReadBack, string loaderSignature, string? loaderAssemblyName)
        => Invoke(SaveSetVersionInfo.Value, ctx, NewVersionInfo(modelSignature, verWritten, verReadable, verWeCanReadBack, loaderSignature, loaderAssemblyName));

    /// <summary>The writer of the component's main stream (its <c>Model.key</c> entry).</summary>
    public static BinaryWriter GetWriter(ModelSaveContext ctx) => (BinaryWriter)SaveWriter.Value.GetValue(ctx)!;

    /// <summary>Writes a separate named entry beside the main stream (as Microsoft.ML.TorchSharp does with "TSModel").</summary>
    public static void SaveBinaryStream(ModelSaveContext ctx, string name, Action<BinaryWriter> write)
        => Invoke(SaveBinaryStreamMethod.Value, ctx, name, write);

    /// <summary>
    /// Checks <paramref name="ctx"/> (ML.NET's <c>ModelLoadContext</c>, passed to us as object) sits at the model
    /// block and that its header matches the signature and version range; ML.NET throws
    /// <see cref="FormatException"/> when it does not.
    /// </summary>
    public static void CheckAtModel(object ctx, string modelSignature, uint verWritten, uint verReadable,
        uint verWeCanReadBack, string loaderSignature)
        => Invoke(LoadCheckAtModel.Value, CheckLoadContext(ctx), NewVersionInfo(modelSignature, verWritten, verReadable, verWeCanReadBack, loaderSignature, null));

    /// <summary>The reader of the component's main stream.</summary>
    public static BinaryReader GetReader(object ctx) => (BinaryReader)LoadReader.Value.GetValue(CheckLoadContext(ctx))!;

    /// <summary>Reads a named entry saved by <see cref="SaveBinaryStream"/>; false when the entry is absent.</summary>
    public static bool TryLoadBinaryStream(object ctx, string name, Action<BinaryReader> read)
        => (bool)Invoke(LoadBinaryStreamMethod.Value, CheckLoadContext(ctx), name, read)!;

    /// <summary>
    /// Makes <c>mlContext.Model.Load</c> on this environment's catalog construct <paramref name="transformerType"/>
    /// for <paramref name="loaderSignature"/> through <paramref name="create"/>, a static method
    /// <c>(IHostEnvironment env, object ctx)</c>. Idempotent per catalog; a signature already taken by another
    /// type is an error. The catalog's own lock is private, so register before loading on other threads.
    /// </summary>
    public static void RegisterLoadable(IHostEnvironment env, Type transformerType, string loaderSignature, MethodInfo create)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(transformerType);
        ArgumentException.ThrowIfNullOrWhiteSpace(loaderSignature);
        ArgumentNullException.ThrowIfNull(create);
        if (!create.IsStatic || create.GetParameters() is not [{ ParameterType: var p0 }, { ParameterType: var p1 }]
            || p0 != typeof(IHostEnvironment) || p1 != typeof(object))
            throw new ArgumentException("The loader must be a static method (IHostEnvironment env, object ctx).", nameof(create));

        var catalog = env.ComponentCatalog;
        // Case-insensitive like the catalog, which lower-cases load names.
        var names = Registered.GetValue(catalog, _ => new Dictionary<string, Type>(StringComparer.OrdinalIgnoreCase));
        lock (names)
        {
            if (names.TryGetValue(loaderSignature, out var existing))
            {
                if (existing != transformerType)
                    throw new InvalidOperationException($"Loader signature '{loaderSignature}' is already registered for {existing.FullName}.");
                return;
            }
            var attribute = Construct(LoadableClassAttributeCtor.Value,
                transformerType, create.DeclaringType!, null, SignatureLoadModelType.Value, transformerType.Name, new[] { loaderSignature });
            // requireEnvironment: true makes the catalog pass the IHostEnvironment before the load context.
            var info = Construct(LoadableClassInfoCtor.Value, attribute, null, null, create, true);
            Invoke(CatalogAddClass.Value, catalog, info, new[] { loaderSignature }, true);
            names[loaderSignature] = transformerType;
        }
    }

    /// <summary>True when <see cref="RegisterLoadable"/> already registered <paramref name="loaderSignature"/> on this catalog.</summary>
    public static bool IsRegistered(IHostEnvironment env, string loaderSignature)
    {
        if (!Registered.TryGetValue(env.ComponentCatalog, out var names))
            return false;
        lock (names)
            return names.ContainsKey(loaderSignature);
    }

    /// <summary>The <see cref="SchemaShape"/> of a schema, for an estimator's <c>GetOutputSchema</c>.</summary>
    public static SchemaShape CreateSchemaShape(DataViewSchema schema) => (SchemaShape)Invoke(SchemaShapeCreate.Value, null, schema)!;

    /// <summary>The environment behind an ML.NET catalog such as <c>mlContext.Transforms</c> or a trainers catalog.</summary>
    public static IHostEnvironment GetEnvironment(object catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var property = CatalogEnvironment.Value;
        if (!property.DeclaringType!.IsInstanceOfType(catalog))
            throw new ArgumentException($"{catalog.GetType().FullName} is not an ML.NET catalog.", nameof(catalog));
        return (IHostEnvironment)property.GetValue(catalog)!;
    }

    /// <summary>The seed the MLContext was created with (null when it was not given or <paramref name="env"/> has none).</summary>
    public static int? GetSeed(IHostEnvironment env)
    {
        ArgumentNullException.ThrowIfNull(env);
        var property = EnvironmentSeed.Value;
        return property.DeclaringType!.IsInstanceOfType(env) ? (int?)property.GetValue(env) : null;
    }

    /// <summary>Resolves every reflected member; throws if ML.NET moved one. Returns their descriptions.</summary>
    public static IReadOnlyList<string> VerifyAll()
    {
        MemberInfo[] members =
        [
            VersionInfoType.Value, VersionInfoCtor.Value, LoadContextType.Value,
            SaveCheckAtModel.Value, SaveSetVersionInfo.Value, SaveWriter.Value, SaveBinaryStreamMethod.Value,
            LoadCheckAtModel.Value, LoadReader.Value, LoadBinaryStreamMethod.Value,
            SignatureLoadModelType.Value, LoadableClassAttributeCtor.Value, LoadableClassInfoCtor.Value, CatalogAddClass.Value,
            SchemaShapeCreate.Value, CatalogEnvironment.Value, EnvironmentSeed.Value,
        ];
        return members.Select(m => $"{m.DeclaringType?.FullName ?? "(type)"}::{m}").ToArray();
    }

    private static object NewVersionInfo(string modelSignature, uint verWritten, uint verReadable, uint verWeCanReadBack,
        string loaderSignature, string? loaderAssemblyName)
        => Construct(VersionInfoCtor.Value, modelSignature, verWritten, verReadable, verWeCanReadBack, loaderAssemblyName, loaderSignature, null);

    private static object CheckLoadContext(object ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        if (!LoadContextType.Value.IsInstanceOfType(ctx))
            throw new ArgumentException($"Expected ML.NET's ModelLoadContext, got {ctx.GetType().FullName}.", nameof(ctx));
        return ctx;
    }

    private static object? Invoke(MethodInfo method, object? target, params object?[] args)
        => method.Invoke(target, BindingFlags.DoNotWrapExceptions, null, args, null);

    private static object Construct(ConstructorInfo ctor, params object?[] args)
        => ctor.Invoke(BindingFlags.DoNotWrapExceptions, null, args, null);

    private static Type FindType(Assembly assembly, string fullName)
        => assembly.GetType(fullName, throwOnError: false) ?? throw Moved(fullName);

    private static ConstructorInfo FindCtor(Type type, params Type[] parameters)
        => type.GetConstructor(Instance, null, parameters, null)
           ?? throw Moved($"{type.Name}({string.Join(", ", parameters.Select(p => p.Name))})");

    private static MethodInfo FindMethod(Type type, string name, params Type[] parameters)
        => type.GetMethod(name, Instance, null, parameters, null)
           ?? throw Moved($"{type.Name}.{name}({string.Join(", ", parameters.Select(p => p.Name))})");

    private static FieldInfo FindField(Type type, string name, Type fieldType)
        => type.GetField(name, Instance) is { } field && field.FieldType == fieldType ? field : throw Moved($"{type.Name}.{name}");

    private static PropertyInfo FindProperty(Type type, string name)
        => type.GetProperty(name, Instance) ?? throw Moved($"{type.Name}.{name}");

    private static InvalidOperationException Moved(string member)
        => new($"ML.NET internals changed: {member} not found ({Supported}; loaded: {LoadedVersion}).");

    private static string LoadedVersion
        => CoreAssembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown version";
}
