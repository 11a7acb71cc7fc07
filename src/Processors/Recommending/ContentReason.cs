namespace RecoStreams.Processors.Recommending;

/// <summary>
/// Why an item matches a profile: a favourite creator or genre. Kept as the name and worded only for the
/// items that make the list, since every candidate is matched.
/// </summary>
internal readonly record struct ContentReason(string Subject, bool IsCreator)
{
    public string Text => IsCreator ? $"by {Subject}, a creator you enjoy" : $"because you like {Subject}";
}
