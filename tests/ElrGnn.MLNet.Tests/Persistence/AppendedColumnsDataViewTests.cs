using ElrGnn.MLNet.Transforms;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ElrGnn.MLNet.Tests.Persistence;

[TestClass]
public sealed class AppendedColumnsDataViewTests
{
    private static readonly string[] Classes = ["a", "b", "c"];

    public sealed class IdRow
    {
        public int Id { get; set; }
    }

    public sealed class AppendedRow
    {
        public int Id { get; set; }

        public float Half { get; set; }

        [VectorType(3)]
        public float[] Score { get; set; } = [];

        public uint Predicted { get; set; }

        public int[] Neighbours { get; set; } = [];
    }

    [TestMethod]
    public void Schema_KeepsInputColumnsAndAddsAnnotatedColumns()
    {
        var view = Build(new MLContext(), 4, out _);

        Assert.AreEqual("Id", view.Schema[0].Name);
        var score = view.Schema["Score"];
        Assert.AreEqual(new VectorDataViewType(NumberDataViewType.Single, 3), score.Type);
        var slotNames = default(VBuffer<ReadOnlyMemory<char>>);
        score.GetSlotNames(ref slotNames);
        CollectionAssert.AreEqual(Classes, slotNames.DenseValues().Select(s => s.ToString()).ToArray());
        var predicted = view.Schema["Predicted"];
        Assert.AreEqual(3UL, ((KeyDataViewType)predicted.Type).Count);
        var keyValues = default(VBuffer<ReadOnlyMemory<char>>);
        predicted.GetKeyValues(ref keyValues);
        CollectionAssert.AreEqual(Classes, keyValues.DenseValues().Select(s => s.ToString()).ToArray());
    }

    [TestMethod]
    public void Rows_CarryTheValuesOfTheirPosition()
    {
        var mlContext = new MLContext();
        var rows = mlContext.Data.CreateEnumerable<AppendedRow>(Build(mlContext, 5, out _), reuseRowObject: false).ToArray();

        Assert.HasCount(5, rows);
        foreach (var row in rows)
        {
            Assert.AreEqual(row.Id / 2f, row.Half);
            CollectionAssert.AreEqual(new[] { row.Id, row.Id + 1f, row.Id + 2f }, row.Score);
            Assert.AreEqual((uint)(row.Id % 3 == 2 ? 0 : row.Id % 3 + 1), row.Predicted); // class 2 is stored as missing
            CollectionAssert.AreEqual(Enumerable.Range(0, row.Id).ToArray(), row.Neighbours);
        }
    }

    [TestMethod]
    public void Compute_RunsOnceAndOnlyForAppendedColumns()
    {
        var mlContext = new MLContext();
        var view = Build(mlContext, 3, out var calls);

        Assert.AreEqual(3, mlContext.Data.CreateEnumerable<IdRow>(view, false).Count());
        Assert.AreEqual(0, calls());

        _ = mlContext.Data.CreateEnumerable<AppendedRow>(view, false).ToArray();
        _ = mlContext.Data.CreateEnumerable<AppendedRow>(view, false).ToArray();
        Assert.AreEqual(1, calls());
    }

    [TestMethod]
    public void CacheThenShuffle_KeepsEachRowWithItsValues()
    {
        var mlContext = new MLContext(seed: 3);
        var shuffled = mlContext.Data.ShuffleRows(mlContext.Data.Cache(Build(mlContext, 20, out _)), seed: 5);

        var rows = mlContext.Data.CreateEnumerable<AppendedRow>(shuffled, reuseRowObject: false).ToArray();

        CollectionAssert.AreNotEqual(Enumerable.Range(0, 20).ToArray(), rows.Select(r => r.Id).ToArray());
        foreach (var row in rows)
            Assert.AreEqual(row.Id / 2f, row.Half);
    }

    [TestMethod]
    public void MapKeyToValue_ShowsTheKeyValues()
    {
        var mlContext = new MLContext();
        var view = Build(mlContext, 3, out _);

        var mapped = mlContext.Transforms.Conversion.MapKeyToValue("PredictedText", "Predicted").Fit(view).Transform(view);

        var texts = mapped.GetColumn<ReadOnlyMemory<char>>("PredictedText").Select(t => t.ToString()).ToArray();
        CollectionAssert.AreEqual(new[] { "a", "b", "" }, texts);
    }

    [TestMethod]
    public void AppendedColumn_WithInputName_HidesTheInputColumn()
    {
        var mlContext = new MLContext();
        var input = mlContext.Data.LoadFromEnumerable(Ids(2));
        var view = new AppendedColumnsDataView(input, [AppendedColumnDefinition.Scalar("Id", NumberDataViewType.Single)],
            () => [AppendedColumnValues.Scalars(new[] { 10f, 11f })]);

        Assert.AreEqual(2, view.Schema.Count);
        Assert.IsTrue(view.Schema[0].IsHidden);
        CollectionAssert.AreEqual(new[] { 10f, 11f }, view.GetColumn<float>("Id").ToArray());
    }

    [TestMethod]
    public void Compute_WithTooFewRows_Throws()
    {
        var mlContext = new MLContext();
        var view = new AppendedColumnsDataView(mlContext.Data.LoadFromEnumerable(Ids(3)),
            [AppendedColumnDefinition.Scalar("X", NumberDataViewType.Single)], () => [AppendedColumnValues.Scalars(new[] { 1f, 2f })]);

        var ex = Assert.ThrowsExactly<InvalidOperationException>(() => view.GetColumn<float>("X").ToArray());
        StringAssert.Contains(ex.Message, "2 rows");
    }

    [TestMethod]
    public void Compute_WithWrongTypeOrSize_Throws()
    {
        var mlContext = new MLContext();
        var input = mlContext.Data.LoadFromEnumerable(Ids(1));
        var wrongType = new AppendedColumnsDataView(input, [AppendedColumnDefinition.Scalar("X", NumberDataViewType.Single)],
            () => [AppendedColumnValues.Scalars(new[] { 1.0 })]);
        var wrongSize = new AppendedColumnsDataView(input, [AppendedColumnDefinition.Vector("V", NumberDataViewType.Single, 2)],
            () => [AppendedColumnValues.Vectors(new[] { new[] { 1f, 2f, 3f } })]);
        var badKey = new AppendedColumnsDataView(input, [AppendedColumnDefinition.Key("K", Classes)],
            () => [AppendedColumnValues.Keys([3])]);

        Assert.ThrowsExactly<InvalidOperationException>(() => wrongType.GetColumn<float>("X").ToArray());
        Assert.ThrowsExactly<InvalidOperationException>(() => wrongSize.GetColumn<float[]>("V").ToArray());
        Assert.ThrowsExactly<InvalidOperationException>(() => badKey.GetColumn<uint>("K").ToArray());
    }

    private static IEnumerable<IdRow> Ids(int count) => Enumerable.Range(0, count).Select(i => new IdRow { Id = i });

    private static IDataView Build(MLContext mlContext, int count, out Func<int> calls)
    {
        var computed = 0;
        calls = () => computed;
        var input = mlContext.Data.LoadFromEnumerable(Ids(count));
        AppendedColumnDefinition[] columns =
        [
            AppendedColumnDefinition.Scalar("Half", NumberDataViewType.Single),
            AppendedColumnDefinition.Vector("Score", NumberDataViewType.Single, 3, Classes),
            AppendedColumnDefinition.Key("Predicted", Classes),
            AppendedColumnDefinition.VariableVector("Neighbours", NumberDataViewType.Int32),
        ];
        return new AppendedColumnsDataView(input, columns, () =>
        {
            Interlocked.Increment(ref computed);
            var ids = Enumerable.Range(0, count).ToArray();
            return
            [
                AppendedColumnValues.Scalars(ids.Select(i => i / 2f).ToArray()),
                AppendedColumnValues.Vectors(ids.Select(i => new[] { i, i + 1f, i + 2f }).ToArray()),
                AppendedColumnValues.Keys(ids.Select(i => i % 3 == 2 ? -1 : i % 3).ToArray()),
                AppendedColumnValues.Vectors(ids.Select(i => Enumerable.Range(0, i).ToArray()).ToArray()),
            ];
        });
    }
}
