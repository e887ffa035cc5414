using Microsoft.ML;
using Microsoft.ML.Data;

namespace ElrGnn.MLNet.Data.Pickle;

/// <summary>
/// Builds utterance-per-row data views through <c>LoadFromEnumerable</c> with a schema definition that
/// fixes the vector sizes (so downstream trainers see known-size vectors) and drops absent modalities.
/// </summary>
internal static class CommunityDataViewBuilder
{
    public static IDataView Build(MLContext mlContext, CommunityFeatureFile file, IEnumerable<CommunityDialogue> dialogues)
    {
        var rows = new List<CommunityUtteranceRow>();
        foreach (var d in dialogues)
        {
            for (int t = 0; t < d.Length; t++)
            {
                rows.Add(new CommunityUtteranceRow
                {
                    DialogueId = d.Id,
                    Turn = t,
                    Speaker = d.Speakers[t],
                    Label = file.LabelNames[d.Labels[t]],
                    LabelIndex = d.Labels[t],
                    Utterance = d.Sentences?[t] ?? "",
                    Text = d.Text?[t] ?? [],
                    Audio = d.Audio?[t] ?? [],
                    Visual = d.Visual?[t] ?? [],
                });
            }
        }
        return mlContext.Data.LoadFromEnumerable(rows, Schema(file));
    }

    private static SchemaDefinition Schema(CommunityFeatureFile file)
    {
        var schema = SchemaDefinition.Create(typeof(CommunityUtteranceRow), SchemaDefinition.Direction.Read);
        Name(schema, nameof(CommunityUtteranceRow.DialogueId), ConversationColumns.ConversationId);
        Name(schema, nameof(CommunityUtteranceRow.Turn), ConversationColumns.Turn);
        Name(schema, nameof(CommunityUtteranceRow.Speaker), ConversationColumns.Speaker);
        Name(schema, nameof(CommunityUtteranceRow.Label), ConversationColumns.Label);
        Name(schema, nameof(CommunityUtteranceRow.LabelIndex), CommunityFeatureFile.LabelIndexColumn);
        Name(schema, nameof(CommunityUtteranceRow.Utterance), ConversationColumns.Utterance);
        Vector(schema, nameof(CommunityUtteranceRow.Text), ConversationColumns.Text, file.TextSize);
        Vector(schema, nameof(CommunityUtteranceRow.Audio), ConversationColumns.Audio, file.AudioSize);
        Vector(schema, nameof(CommunityUtteranceRow.Visual), ConversationColumns.Visual, file.VisualSize);
        return schema;
    }

    private static void Name(SchemaDefinition schema, string member, string column) =>
        schema.Single(c => c.MemberName == member).ColumnName = column;

    private static void Vector(SchemaDefinition schema, string member, string column, int size)
    {
        var col = schema.Single(c => c.MemberName == member);
        if (size == 0)
        {
            schema.Remove(col); // the file has no such modality
            return;
        }
        col.ColumnName = column;
        col.ColumnType = new VectorDataViewType(NumberDataViewType.Single, size);
    }
}
