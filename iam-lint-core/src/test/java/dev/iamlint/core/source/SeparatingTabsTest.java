package dev.iamlint.core.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Which tabs YAML 1.2 reads as separation (made spaces) and which it does not (left alone). */
class SeparatingTabsTest {

  @Test
  void tabsAfterAnIndicatorOrEndingALineBecomeSpaces() {
    assertEquals("Action: \"*\"\nVersion: x \n- a\n[a, b]\nk: v  # c\t\n",
        SeparatingTabs.spaced("Action:\t\"*\"\nVersion: x\t\n-\ta\n[a,\tb]\nk: v \t# c\t\n"));
  }

  @Test
  void indentationQuotesAndTabsInsideAPlainValueStay() {
    assertNull(SeparatingTabs.spaced("\t- a\nk: \"a\tb\"\nk: 'a\tb'\nk: a\tb\n"));
    // a quote inside a plain value opens nothing: the tab after the value still ends the line
    assertEquals("k: it's \n", SeparatingTabs.spaced("k: it's\t\n"));
  }

  @Test
  void aLoadedFileWithSeparatingTabsIsReadWithANoteAtTheFirstTab() {
    Loader loader = new Loader(Limits.DEFAULT);
    LoadedFile f = loader.parse(new SourceFile(java.nio.file.Path.of("p.yaml"), "p.yaml", Format.YAML),
        "Version: \"2012-10-17\"\nStatement:\n  - Effect: Allow\n    Action:\t\"*\"\n    Resource: \"*\"\n");
    assertEquals(false, f.failed());
    assertEquals(true, f.lenient());
    LoadProblem note = f.problems().get(f.problems().size() - 1);
    assertEquals(LoadProblem.Kind.NOT_STRICT, note.kind());
    assertEquals(4, note.span().startLine());
    assertEquals(12, note.span().startColumn());
  }
}
