// Several of these tests pace and time real UDP audio; run one class at a time so their timing is not shared
// between classes on a 2-core machine (the whole assembly still takes seconds).
[assembly: CollectionBehavior(DisableTestParallelization = true)]
