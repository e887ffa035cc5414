using static ElrGnn.MLNet.Data.Pickle.PickleOpcodes;

namespace ElrGnn.MLNet.Data.Pickle;

/// <summary>
/// The pickle virtual machine behind <see cref="SafeUnpickler"/>: a stack, a mark stack and a memo,
/// driven one opcode at a time. It never imports or calls anything; globals resolve to inert
/// <see cref="PickleGlobal"/> names that only the allow-listed REDUCE/BUILD layouts understand.
/// </summary>
internal sealed partial class PickleMachine
{
    private readonly PickleInput _in;
    private readonly UnpicklerLimits _limits;
    private readonly List<object?> _stack = [];
    private readonly List<int> _marks = [];
    private readonly Dictionary<long, object?> _memo = [];
    private int _opOffset;

    public PickleMachine(PickleInput input, UnpicklerLimits limits)
    {
        _in = input;
        _limits = limits;
    }

    /// <summary>Runs to STOP and returns the checked result.</summary>
    public object? Run()
    {
        while (true)
        {
            _opOffset = _in.Position;
            byte op = _in.ReadByte("opcode");
            if (op == Stop)
            {
                var result = PopValue();
                PickleGraphChecker.Check(result, _limits.MaxNestingDepth, _opOffset);
                return result;
            }
            Execute(op);
        }
    }

    private void Execute(byte op)
    {
        switch (op)
        {
            case Proto:
                int version = _in.ReadByte("protocol version");
                if (version > 5)
                    throw Fail($"pickle protocol {version} is not supported (0-5).");
                break;
            case Frame:
                ulong frame = _in.ReadUInt64("frame length");
                if (frame > (ulong)_in.Remaining)
                    throw Fail($"truncated: frame claims {frame} bytes but only {_in.Remaining} are left.");
                break; // the whole file is in memory, so frames need no buffering
            case Mark:
                if (_marks.Count >= _limits.MaxNestingDepth)
                    throw Fail($"more than {_limits.MaxNestingDepth} nested MARKs (UnpicklerLimits.MaxNestingDepth).");
                _marks.Add(_stack.Count);
                break;
            case Pop:
                if (_stack.Count > Floor) _stack.RemoveAt(_stack.Count - 1);
                else TakeMarked(); // like CPython: POP right after MARK discards the mark
                break;
            case PopMark:
                TakeMarked();
                break;
            case Dup:
                Push(PeekValue());
                break;
            case Global:
                var module = PickleText.DecodeUtf8(_in.ReadLine("GLOBAL module"), _opOffset);
                var name = PickleText.DecodeUtf8(_in.ReadLine("GLOBAL name"), _opOffset);
                Push(PickleAllowList.Resolve(module, name, _opOffset));
                break;
            case StackGlobal:
                var qualName = PickleValues.Str(PopValue(), "STACK_GLOBAL name", _opOffset);
                var qualModule = PickleValues.Str(PopValue(), "STACK_GLOBAL module", _opOffset);
                Push(PickleAllowList.Resolve(qualModule, qualName, _opOffset));
                break;
            case Reduce:
                var args = PopValue();
                var callable = PopValue();
                Push(PickleAllowList.Reduce(callable, args, _opOffset));
                break;
            case Build:
                var state = PopValue();
                PickleAllowList.Build(PeekValue(), state, _opOffset);
                break;
            case Inst:
                PickleAllowList.Resolve(
                    PickleText.DecodeUtf8(_in.ReadLine("INST module"), _opOffset),
                    PickleText.DecodeUtf8(_in.ReadLine("INST name"), _opOffset), _opOffset);
                throw Fail("INST (class instantiation) is not supported.");
            case Ext1 or Ext2 or Ext4:
                long code = op == Ext1 ? _in.ReadByte("extension code") : op == Ext2 ? _in.ReadUInt16("extension code") : _in.ReadInt32("extension code");
                throw new PickleSecurityException($"extension code {code}",
                    $"extension code {code} (copyreg registry) is not allowed; nothing was executed.", _opOffset);
            case PersId or BinPersId:
                throw new PickleSecurityException("persistent id",
                    "persistent ids (PERSID/BINPERSID) are not allowed; nothing was executed.", _opOffset);
            case Obj or NewObj or NewObjEx:
                throw Fail($"opcode {Describe(op)} (object creation) is not supported.");
            case NextBuffer or ReadOnlyBuffer:
                throw Fail("out-of-band buffers (protocol 5 NEXT_BUFFER/READONLY_BUFFER) are not supported.");
            default:
                if (!TryValue(op) && !TryContainer(op))
                    throw Fail($"unknown or unsupported opcode {Describe(op)}.");
                break;
        }
    }

    /// <summary>Index of the first stack slot above the innermost MARK.</summary>
    private int Floor => _marks.Count == 0 ? 0 : _marks[^1];

    private void Push(object? value)
    {
        if (_stack.Count >= _limits.MaxStackSize)
            throw Fail($"the stack exceeds {_limits.MaxStackSize} items (UnpicklerLimits.MaxStackSize).");
        _stack.Add(value);
    }

    private object? PopValue()
    {
        if (_stack.Count <= Floor)
            throw Fail("stack underflow (an opcode needs a value that is not there).");
        var value = _stack[^1];
        _stack.RemoveAt(_stack.Count - 1);
        return value;
    }

    private object? PeekValue()
    {
        if (_stack.Count <= Floor)
            throw Fail("stack underflow (an opcode needs a value that is not there).");
        return _stack[^1];
    }

    /// <summary>Removes the innermost MARK and returns the items pushed since, in order.</summary>
    private object?[] TakeMarked()
    {
        if (_marks.Count == 0)
            throw Fail("an opcode needs a MARK but none is open.");
        int start = _marks[^1];
        _marks.RemoveAt(_marks.Count - 1);
        var items = _stack.GetRange(start, _stack.Count - start).ToArray();
        _stack.RemoveRange(start, _stack.Count - start);
        return items;
    }

    private PickleFormatException Fail(string message) => new(message, _opOffset);
}
