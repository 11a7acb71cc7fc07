using RecoStreams.Processors.Evaluation;
using RecoStreams.Processors.Models;

namespace RecoStreams.Evaluation;

/// <summary>
/// A trained item model's lists for a split's users: the model's ranking from the user's training history,
/// filled up with the most popular unseen items when the model knows too little of that history (so a
/// baseline is never short of items where ours falls back to popularity).
/// </summary>
internal sealed class ItemModelLists(DataSplit split)
{
    private readonly Dictionary<string, List<Interaction>> _histories = TrainingInteractions.ByUser(split.Train);
    private readonly MostPopularBaseline _popular = new(split.Train);

    public IReadOnlyList<Interaction> TrainInteractions { get; } = TrainingInteractions.Of(split.Train);

    public Dictionary<string, IReadOnlyList<string>> For(ItemNeighbourModel model, IReadOnlyList<string> users, int count) =>
        ListScorer.ListsFor(users, user =>
        {
            var list = model.Recommend(_histories.GetValueOrDefault(user) ?? [], count).Select(i => i.ItemId).ToList();
            if (list.Count < count)
            {
                var present = list.ToHashSet(StringComparer.Ordinal);
                list.AddRange(_popular.Recommend(user, count).Where(present.Add).Take(count - list.Count));
            }

            return list;
        });
}
