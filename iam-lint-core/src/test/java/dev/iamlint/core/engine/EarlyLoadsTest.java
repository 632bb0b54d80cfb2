package dev.iamlint.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iamlint.core.source.Format;
import dev.iamlint.core.source.LoadedFile;
import dev.iamlint.core.source.SourceFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Context files start loading as the walk finds them, targets only their scan; every file is
 * loaded at most once and handed on in order.
 */
class EarlyLoadsTest {

  private static final Path ROOT = Path.of("/repo").toAbsolutePath();

  private static SourceFile file(String rel) {
    return new SourceFile(ROOT.resolve(rel), rel, Format.JSON);
  }

  @Test
  void contextFilesStartDuringTheWalkTargetsAfterItAndAllComeInOrder() throws Exception {
    Map<String, AtomicInteger> loads = new ConcurrentHashMap<>();
    CountDownLatch contextStarted = new CountDownLatch(2);
    EarlyLoads early = new EarlyLoads(f -> {
      loads.computeIfAbsent(f.relativePath(), k -> new AtomicInteger()).incrementAndGet();
      if (!f.relativePath().startsWith("staged/")) contextStarted.countDown();
      return new LoadedFile(f, null, List.of(), List.of());
    }, null, List.of(ROOT.resolve("staged")), 2);
    List<SourceFile> files = new ArrayList<>();
    for (String rel : List.of("z/manifest.yaml", "staged/policy.json", "a/org.yaml")) {
      SourceFile f = file(rel);
      files.add(f);
      early.found(f); // in walk order, not path order
    }
    assertTrue(contextStarted.await(10, TimeUnit.SECONDS), "the context files load while the walk goes on");
    assertEquals(null, loads.get("staged/policy.json"), "a target waits for its turn");
    files.sort((x, y) -> x.relativePath().compareTo(y.relativePath()));
    List<String> order = new ArrayList<>();
    try (early) {
      early.forEachOrdered(files, l -> order.add(l.file().relativePath()));
    }
    assertEquals(List.of("a/org.yaml", "staged/policy.json", "z/manifest.yaml"), order);
    loads.forEach((rel, n) -> assertEquals(1, n.get(), rel + " loaded once"));
    assertEquals(3, loads.size());
  }

  @Test
  void targetsAreScannedDuringTheWalkAndOnlyThoseWorthItAreLoadedAtTheirTurn() throws Exception {
    Map<String, AtomicInteger> loads = new ConcurrentHashMap<>();
    Map<String, AtomicInteger> scans = new ConcurrentHashMap<>();
    CountDownLatch scannedAll = new CountDownLatch(3);
    EarlyLoads early = new EarlyLoads(f -> {
      loads.computeIfAbsent(f.relativePath(), k -> new AtomicInteger()).incrementAndGet();
      return new LoadedFile(f, null, List.of(), List.of());
    }, f -> {
      scans.computeIfAbsent(f.relativePath(), k -> new AtomicInteger()).incrementAndGet();
      scannedAll.countDown();
      return f.relativePath().contains("manifest");
    }, List.of(ROOT), 2);
    List<SourceFile> files = new ArrayList<>();
    for (String rel : List.of("z/policy.json", "m/manifest.yaml", "a/policy.json")) {
      SourceFile f = file(rel);
      files.add(f);
      early.found(f);
    }
    assertTrue(scannedAll.await(10, TimeUnit.SECONDS), "the targets are scanned while the walk goes on");
    assertTrue(loads.isEmpty(), "no target is loaded early");
    SourceFile unscanned = file("b/named-outside-the-walk.json");
    files.add(unscanned);
    files.sort((x, y) -> x.relativePath().compareTo(y.relativePath()));
    List<String> order = new ArrayList<>();
    try (early) {
      early.forEachOrdered(files, l -> order.add(l == null ? "-" : l.file().relativePath()));
    }
    assertEquals(List.of("-", "b/named-outside-the-walk.json", "m/manifest.yaml", "-"), order,
        "a target whose scan found nothing gives null, as its load would; one the walk did not meet is loaded");
    assertEquals(Map.of("m/manifest.yaml", 1, "b/named-outside-the-walk.json", 1),
        Map.copyOf(loads.entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get()))));
    scans.forEach((rel, n) -> assertEquals(1, n.get(), rel + " scanned once"));
  }
}
