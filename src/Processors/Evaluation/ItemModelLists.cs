using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Models;

namespace RecoStreams.Processors.Evaluation;

/// <summary>
/// A trained item model's lists for the users of a training slice: the model's ranking from the user's
/// training history, filled up with the most popular unseen items when the model knows too little of that
/// history (so a baseline is never short of items where ours falls back to popularity).
/// </summary>
/// <param name="train">The training events.</param>
/// <param name="interaction">How an event becomes a model's input (the evaluate command counts every rating 1, a training job weighs it).</param>
public sealed class ItemModelLists(IReadOnlyList<EngagementEvent> train, Func<EngagementEvent, Interaction> interaction)
{
    private readonly Dictionary<string, List<Interaction>> _histories = train
        .GroupBy(e => e.UserId, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.Select(interaction).ToList(), StringComparer.Ordinal);

    private readonly MostPopularBaseline _popular = new(train);

    public IReadOnlyList<Interaction> TrainInteractions { get; } = [.. train.Select(interaction)];

    public Dictionary<string, IReadOnlyList<string>> For(ItemNeighbourModel model, IReadOnlyList<string> users, int count) =>
        users.ToDictionary(
            user => user,
            user =>
            {
                var list = model.Recommend(_histories.GetValueOrDefault(user) ?? [], count).Select(i => i.ItemId).ToList();
                if (list.Count < count)
                {
                    var present = list.ToHashSet(StringComparer.Ordinal);
                    list.AddRange(_popular.Recommend(user, count).Where(present.Add).Take(count - list.Count));
                }

                return (IReadOnlyList<string>)list;
            },
            StringComparer.Ordinal);
}
