using static ElrGnn.MLNet.Data.Pickle.PickleOpcodes;

namespace ElrGnn.MLNet.Data.Pickle;

/// <summary>Opcodes that build lists, dicts, tuples and sets, and the memo (PUT/GET/MEMOIZE).</summary>
internal sealed partial class PickleMachine
{
    private bool TryContainer(byte op)
    {
        switch (op)
        {
            case EmptyList: Push(new List<object?>()); break;
            case List: Push(new List<object?>(TakeMarked())); break;
            case Append:
                var item = PopValue();
                Target<List<object?>>("APPEND", "list").Add(item);
                break;
            case Appends:
                var items = TakeMarked();
                Target<List<object?>>("APPENDS", "list").AddRange(items);
                break;
            case EmptyDict: Push(new Dictionary<object, object?>()); break;
            case Dict:
                var dict = new Dictionary<object, object?>();
                SetPairs(dict, TakeMarked());
                Push(dict);
                break;
            case SetItem:
                var value = PopValue();
                var key = PopValue();
                SetPairs(Target<Dictionary<object, object?>>("SETITEM", "dict"), [key, value]);
                break;
            case SetItems:
                var pairs = TakeMarked();
                SetPairs(Target<Dictionary<object, object?>>("SETITEMS", "dict"), pairs);
                break;
            case EmptyTuple: Push(Array.Empty<object?>()); break;
            case PickleOpcodes.Tuple: Push(TakeMarked()); break;
            case Tuple1: Push(PopItems(1)); break;
            case Tuple2: Push(PopItems(2)); break;
            case Tuple3: Push(PopItems(3)); break;
            case EmptySet: Push(new HashSet<object?>()); break;
            case AddItems:
                var setItems = TakeMarked();
                PickleAllowList.AddToSet(Target<HashSet<object?>>("ADDITEMS", "set"), setItems, _opOffset);
                break;
            case FrozenSet:
                var frozen = new HashSet<object?>();
                PickleAllowList.AddToSet(frozen, TakeMarked(), _opOffset);
                Push(frozen);
                break;
            case Put: Memo(PickleText.ParseInt64(_in.ReadLine("PUT operand"), _opOffset, "PUT")); break;
            case BinPut: Memo(_in.ReadByte("BINPUT operand")); break;
            case LongBinPut: Memo(_in.ReadUInt32("LONG_BINPUT operand")); break;
            case Memoize: Memo(_memo.Count); break;
            case Get: Recall(PickleText.ParseInt64(_in.ReadLine("GET operand"), _opOffset, "GET")); break;
            case BinGet: Recall(_in.ReadByte("BINGET operand")); break;
            case LongBinGet: Recall(_in.ReadUInt32("LONG_BINGET operand")); break;
            default: return false;
        }
        return true;
    }

    /// <summary>The container on top of the stack, which must be a <typeparamref name="T"/>.</summary>
    private T Target<T>(string opName, string typeName) where T : class =>
        PeekValue() as T ?? throw Fail($"{opName} target must be a {typeName}, got {PickleValues.Describe(PeekValue())}.");

    private void SetPairs(Dictionary<object, object?> dict, object?[] pairs)
    {
        if (pairs.Length % 2 != 0)
            throw Fail("dict items come in key/value pairs but an odd number was given.");
        for (int i = 0; i < pairs.Length; i += 2)
        {
            // The result model keeps only str and int keys (all these files use); others are rejected.
            if (pairs[i] is not (string or long))
                throw Fail($"dict keys must be str or int, got {PickleValues.Describe(pairs[i])}.");
            dict[pairs[i]!] = pairs[i + 1];
        }
    }

    private object?[] PopItems(int count)
    {
        var items = new object?[count];
        for (int i = count - 1; i >= 0; i--)
            items[i] = PopValue();
        return items;
    }

    private void Memo(long index)
    {
        if (index < 0)
            throw Fail("memo index must be non-negative.");
        _memo[index] = PeekValue();
    }

    private void Recall(long index)
    {
        if (!_memo.TryGetValue(index, out var value))
            throw Fail($"memo entry {index} is read before it is written.");
        Push(value);
    }
}
