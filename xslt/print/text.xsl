<?xml version="1.0" encoding="UTF-8"?>
<!-- Print layer: the text of a document as reledmac numbered paragraphs.  What the editorial
     elements mean comes from xslt/common/ (imported through common/core.xsl); this layer and
     apparatus.xsl / names.xsl draw them (the render-* hooks).
     Default mode = the edited text (\pstart…\pend, \edtext with apparatus notes, \edindex for names);
     mode "reading" = the same text inside an apparatus note (no notes, no index, no paragraphs). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0" exclude-result-prefixes="tei">

  <xsl:import href="fallback.xsl"/>
  <xsl:import href="escape.xsl"/>
  <xsl:import href="../common/core.xsl"/>
  <xsl:import href="apparatus.xsl"/>
  <xsl:import href="names.xsl"/>

  <!-- ============ blocks: each becomes one numbered paragraph ============ -->

  <xsl:template match="tei:div | tei:body | tei:front | tei:back | tei:postscript | tei:titlePage | tei:docTitle | tei:set">
    <xsl:call-template name="blocks"/>
  </xsl:template>
  <xsl:template match="tei:opener">
    <xsl:call-template name="blocks"><xsl:with-param name="style">\edcloser{}</xsl:with-param></xsl:call-template>
  </xsl:template>

  <!-- The children of an element that holds blocks (a division, an opener, a speech, a stanza, a
       list, a cast list): each block by its own rule.  Words standing among the blocks themselves
       (an opener's "Dear <persName>Sir</persName>," or bare date, a name, a note or a gap in a
       speech or between a stanza's lines) are a numbered paragraph of their own, one for each run
       of them: reledmac is never given words outside \pstart…\pend.  A page break inside such a
       run prints where it stands; one before it goes into its margin.  Inside a reading or an
       intervention (see `paragraph`) they run on like the rest.  nodes: the blocks to apply
       (a stanza's lines after its first are its first line's). -->
  <xsl:template name="blocks">
    <xsl:param name="nodes" select="*"/>
    <xsl:param name="style"/>
    <xsl:variable name="kinds"><xsl:apply-templates select="node()" mode="run-kind"/></xsl:variable>
    <xsl:choose>
      <xsl:when test="not(contains($kinds, 'w'))"><xsl:apply-templates select="$nodes"/></xsl:when>
      <xsl:when test="(ancestor::tei:add or ancestor::tei:del or ancestor::tei:supplied or ancestor::tei:surplus or ancestor::tei:unclear or ancestor::tei:sic or ancestor::tei:choice or (ancestor::tei:lem or ancestor::tei:rdg) and ancestor::*[self::tei:lem or self::tei:rdg][1][not(ancestor::tei:app[1][parent::tei:div or parent::tei:body or parent::tei:opener])])">
        <xsl:apply-templates select="$nodes | text()[normalize-space()]"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:for-each select="node()">
          <xsl:variable name="kind"><xsl:apply-templates select="." mode="run-kind"/></xsl:variable>
          <xsl:variable name="before"><xsl:call-template name="run-kind-before"/></xsl:variable>
          <xsl:choose>
            <xsl:when test="$kind = 'w'">
              <xsl:if test="$before != 'w'">
                <xsl:call-template name="pstart"><xsl:with-param name="style" select="$style"/></xsl:call-template>
                <xsl:call-template name="run"/>
                <xsl:call-template name="pend"/>
              </xsl:if>
            </xsl:when>
            <xsl:when test="$kind = 'n'">
              <xsl:variable name="after"><xsl:call-template name="run-kind-after"/></xsl:variable>
              <!-- inside a run (printed there), or a line break between blocks (nothing to break) -->
              <xsl:if test="not($before = 'w' and $after = 'w') and not(self::tei:lb) and self::*">
                <xsl:apply-templates select="."/>
              </xsl:if>
            </xsl:when>
            <xsl:when test="count(. | $nodes) = count($nodes)"><xsl:apply-templates select="."/></xsl:when>
          </xsl:choose>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A run of words among blocks, from the context node to the last word before the next block -->
  <xsl:template name="run">
    <xsl:choose>
      <xsl:when test="self::tei:pb"><xsl:call-template name="pb-meaning"/></xsl:when>
      <xsl:otherwise><xsl:apply-templates select="."/></xsl:otherwise>
    </xsl:choose>
    <xsl:for-each select="following-sibling::node()[1]">
      <xsl:variable name="kind"><xsl:apply-templates select="." mode="run-kind"/></xsl:variable>
      <xsl:variable name="after"><xsl:call-template name="run-kind-after"/></xsl:variable>
      <xsl:if test="$kind = 'w' or $kind = 'n' and $after = 'w'"><xsl:call-template name="run"/></xsl:if>
    </xsl:for-each>
  </xsl:template>

  <!-- the kind of the nearest sibling before (after) the context node that is no page break,
       milestone or space: "w" words, "" a block or nothing -->
  <xsl:template name="run-kind-before">
    <xsl:for-each select="preceding-sibling::node()[1]">
      <xsl:variable name="kind"><xsl:apply-templates select="." mode="run-kind"/></xsl:variable>
      <xsl:choose>
        <xsl:when test="$kind = 'n'"><xsl:call-template name="run-kind-before"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$kind"/></xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>
  <xsl:template name="run-kind-after">
    <xsl:for-each select="following-sibling::node()[1]">
      <xsl:variable name="kind"><xsl:apply-templates select="." mode="run-kind"/></xsl:variable>
      <xsl:choose>
        <xsl:when test="$kind = 'n'"><xsl:call-template name="run-kind-after"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$kind"/></xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <!-- What a child of a block container is: "w" words (text, and the phrase-level elements whose
       rules print them inline: names, dates, highlighting, interventions, a footnote, a gap or an
       app that has no rule of its own between blocks there), "n" neither (page breaks, milestones,
       line breaks, white space), "" a block (everything else: its own rule makes its paragraphs) -->
  <xsl:template match="node()" mode="run-kind"/>
  <xsl:template match="text()" mode="run-kind">
    <xsl:choose>
      <xsl:when test="normalize-space()">w</xsl:when>
      <xsl:otherwise>n</xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template match="tei:pb | tei:fw[@type = 'pageNum'] | tei:milestone | tei:anchor | tei:lb | comment() | processing-instruction()" mode="run-kind">n</xsl:template>
  <xsl:template match="tei:persName | tei:placeName | tei:orgName | tei:geogName | tei:rs | tei:name | tei:date | tei:time
                       | tei:hi | tei:emph | tei:title | tei:foreign | tei:term | tei:gloss | tei:mentioned | tei:soCalled
                       | tei:distinct | tei:ref | tei:num | tei:measure | tei:measureGrp | tei:roleName | tei:forename
                       | tei:surname | tei:addName | tei:genName | tei:nameLink | tei:abbr | tei:expan | tei:orig | tei:reg
                       | tei:corr | tei:sic | tei:choice | tei:add | tei:del | tei:subst | tei:unclear | tei:supplied
                       | tei:surplus | tei:damage | tei:restore | tei:w | tei:c | tei:pc | tei:g | tei:space | tei:seg
                       | tei:idno | tei:email" mode="run-kind">w</xsl:template>
  <!-- an opener's date, place and seg are paragraphs of their own (rules below) -->
  <xsl:template match="tei:opener/tei:date | tei:opener/tei:placeName | tei:opener/tei:seg" mode="run-kind" priority="1"/>
  <!-- a note, a gap or an app has a rule of its own only between a division's (body's, opener's …) blocks -->
  <xsl:template match="tei:note[not(parent::tei:div or parent::tei:body or parent::tei:opener or parent::tei:postscript)]
                       | tei:gap[not(parent::tei:div or parent::tei:body or parent::tei:opener or parent::tei:front
                                 or parent::tei:back or parent::tei:postscript)]
                       | tei:app" mode="run-kind">w</xsl:template>
  <!-- an app between blocks is a block (its readings' blocks: apparatus.xsl) unless its readings
       hold words and nothing else -->
  <xsl:template match="tei:app[parent::tei:div or parent::tei:body or parent::tei:opener]
                              [not((tei:lem | tei:rdg)/text()[normalize-space()] or (tei:lem | tei:rdg)/*)
                               or (tei:lem | tei:rdg)/*[not(self::tei:persName or self::tei:placeName or self::tei:orgName or self::tei:geogName or self::tei:rs
                                      or self::tei:name or self::tei:date or self::tei:time or self::tei:hi or self::tei:emph
                                      or self::tei:title or self::tei:foreign or self::tei:term or self::tei:gloss or self::tei:mentioned
                                      or self::tei:soCalled or self::tei:distinct or self::tei:ref or self::tei:num or self::tei:measure
                                      or self::tei:measureGrp or self::tei:roleName or self::tei:forename or self::tei:surname
                                      or self::tei:addName or self::tei:genName or self::tei:nameLink or self::tei:abbr or self::tei:expan
                                      or self::tei:orig or self::tei:reg or self::tei:corr or self::tei:sic or self::tei:choice
                                      or self::tei:add or self::tei:del or self::tei:subst or self::tei:unclear or self::tei:supplied
                                      or self::tei:surplus or self::tei:damage or self::tei:restore or self::tei:w or self::tei:c
                                      or self::tei:pc or self::tei:g or self::tei:space or self::tei:seg or self::tei:idno
                                      or self::tei:email or self::tei:lb or self::tei:pb or self::tei:gap or self::tei:milestone
                                      or self::tei:anchor or self::tei:app)]]" mode="run-kind" priority="1"/>

  <xsl:template match="tei:p | tei:ab">
    <xsl:call-template name="paragraph"/>
  </xsl:template>

  <!-- The context element as a numbered paragraph, in a style, opened by a lead (an item's number).
       When it holds blocks (a list, a quotation of paragraphs, verse), the paragraph ends before
       each block and goes on in a new one after it: reledmac cannot open a paragraph inside another. -->
  <xsl:template name="paragraph">
    <xsl:param name="style"/>
    <xsl:param name="lead"/>
    <!-- inside another paragraph's words (a hi, quote or cit holding a list or verse): no page
         break of its own to set in the margin (those before it stand in the words before it) -->
    <xsl:param name="inner" select="false()"/>
    <!-- the element the paragraph starts with, whose page breaks go into its margin: an item's label -->
    <xsl:param name="from" select="."/>
    <!-- what ends each of its paragraphs (a heading's \hfill{}) -->
    <xsl:param name="tail"/>
    <!-- blocks below the context element, not those of a note inside it (a footnote's paragraphs
         are the footnote's); the context element may be a note itself (a docket of paragraphs) -->
    <xsl:variable name="depth" select="count(ancestor-or-self::*)"/>
    <xsl:variable name="blocks" select="*[descendant-or-self::*[self::tei:p or self::tei:ab or self::tei:list or self::tei:lg
                                          or self::tei:l][not(ancestor::tei:note[count(ancestor::*) &gt;= $depth])]
                                          [not((ancestor::tei:add or ancestor::tei:del or ancestor::tei:supplied or ancestor::tei:surplus or ancestor::tei:unclear or ancestor::tei:sic or ancestor::tei:choice or (ancestor::tei:lem or ancestor::tei:rdg) and ancestor::*[self::tei:lem or self::tei:rdg][1][not(ancestor::tei:app[1][parent::tei:div or parent::tei:body or parent::tei:opener])]))]]"/>
    <xsl:choose>
      <!-- inside an \edtext's lemma (see the run-on rules below): no paragraph, the words run on -->
      <xsl:when test="(ancestor::tei:add or ancestor::tei:del or ancestor::tei:supplied or ancestor::tei:surplus or ancestor::tei:unclear or ancestor::tei:sic or ancestor::tei:choice or (ancestor::tei:lem or ancestor::tei:rdg) and ancestor::*[self::tei:lem or self::tei:rdg][1][not(ancestor::tei:app[1][parent::tei:div or parent::tei:body or parent::tei:opener])])">
        <xsl:text> </xsl:text>
        <xsl:value-of select="$lead"/>
        <xsl:apply-templates/>
        <xsl:text> </xsl:text>
      </xsl:when>
      <xsl:when test="not($blocks)">
        <xsl:call-template name="pstart">
          <xsl:with-param name="style" select="$style"/>
          <xsl:with-param name="from" select="$from"/>
        </xsl:call-template>
        <xsl:value-of select="$lead"/>
        <xsl:apply-templates/>
        <xsl:value-of select="$tail"/>
        <xsl:call-template name="pend"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="me" select="generate-id()"/>
        <!-- page breaks of a quotation of paragraphs print nothing where they stand (the block-level
             pb rule): they need no paragraph of their own -->
        <xsl:variable name="quiet-pb" select="boolean(self::*[self::tei:quote or self::tei:q or self::tei:cit or self::tei:said
                                              or self::tei:figure][tei:p or tei:ab or tei:lg or tei:l or tei:list])"/>
        <xsl:variable name="before" select="node()[count(. | $blocks) != count($blocks)]
                                            [not(preceding-sibling::*[count(. | $blocks) = count($blocks)])]"/>
        <xsl:if test="$before[normalize-space() or self::*[not(self::tei:fw[@type = 'pageNum'] or self::tei:pb[$quiet-pb])]] or string($lead)
                      or (not($inner) and preceding-sibling::tei:pb[generate-id(following-sibling::node()[self::text()[normalize-space()] or self::*[not(self::tei:pb or self::tei:fw[@type = 'pageNum'] or self::tei:figure[not(normalize-space())])]][1]) = $me])">
          <xsl:choose>
            <xsl:when test="$inner"><xsl:text>&#10;\pstart </xsl:text><xsl:value-of select="$style"/><xsl:text>%&#10;</xsl:text></xsl:when>
            <xsl:otherwise>
              <xsl:call-template name="pstart">
                <xsl:with-param name="style" select="$style"/>
                <xsl:with-param name="from" select="$from"/>
              </xsl:call-template>
            </xsl:otherwise>
          </xsl:choose>
          <xsl:value-of select="$lead"/>
          <xsl:call-template name="segment"><xsl:with-param name="nodes" select="$before"/></xsl:call-template>
          <xsl:value-of select="$tail"/>
          <xsl:call-template name="pend"/>
        </xsl:if>
        <xsl:for-each select="$blocks">
          <xsl:variable name="block" select="generate-id()"/>
          <xsl:choose>
            <!-- an element that only wraps words and blocks (p > hi > list, p > quote > lg, cit >
                 quote + bibl, a table's cells): split the same way, so its words around the blocks
                 stay in paragraphs (its own look, an \emph around a list, cannot span them).  Not
                 an app or choice, whose rule picks what of it is printed. -->
            <xsl:when test="self::tei:hi or self::tei:emph or self::tei:foreign or self::tei:seg or self::tei:quote
                            or self::tei:q or self::tei:said or self::tei:cit or self::tei:figure or self::tei:table
                            or self::tei:row or self::tei:cell">
              <xsl:call-template name="paragraph">
                <xsl:with-param name="style" select="$style"/>
                <xsl:with-param name="inner" select="true()"/>
                <xsl:with-param name="tail" select="$tail"/>
              </xsl:call-template>
            </xsl:when>
            <xsl:otherwise><xsl:apply-templates select="."/></xsl:otherwise>
          </xsl:choose>
          <xsl:variable name="after" select="following-sibling::node()[count(. | $blocks) != count($blocks)]
                                             [generate-id(preceding-sibling::*[count(. | $blocks) = count($blocks)][1]) = $block]"/>
          <xsl:if test="$after[normalize-space() or self::*[not(self::tei:fw[@type = 'pageNum'] or self::tei:pb[$quiet-pb])]]">
            <xsl:text>&#10;\pstart </xsl:text><xsl:value-of select="$style"/>
            <xsl:call-template name="orphan-pb-margins">
              <xsl:with-param name="prev" select="descendant-or-self::*[last()]"/>
              <xsl:with-param name="words" select="($after/descendant-or-self::text()[normalize-space()])[1]"/>
            </xsl:call-template>
            <xsl:text>%&#10;</xsl:text>
            <xsl:call-template name="segment"><xsl:with-param name="nodes" select="$after"/></xsl:call-template>
            <xsl:value-of select="$tail"/>
            <xsl:call-template name="pend"/>
          </xsl:if>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The words of a paragraph split around blocks (before the first, after each).  A page break
       among them that would print in a margin (one in a quotation of paragraphs) and is followed by
       words prints where it stands: no block's margin takes it (`pstart` takes only those right
       before its block). -->
  <xsl:template name="segment">
    <xsl:param name="nodes"/>
    <xsl:choose>
      <xsl:when test="$nodes[self::tei:pb][following-sibling::node()[self::text()[normalize-space()] or self::*[not(self::tei:pb
                      or self::tei:fw[@type = 'pageNum'] or self::tei:figure[not(normalize-space())])]][1][self::text()]]">
        <xsl:for-each select="$nodes">
          <xsl:variable name="margin"><xsl:apply-templates select="self::tei:pb" mode="block-pb-margin"/></xsl:variable>
          <xsl:choose>
            <xsl:when test="string($margin) and following-sibling::node()[self::text()[normalize-space()] or self::*[not(self::tei:pb
                            or self::tei:fw[@type = 'pageNum'] or self::tei:figure[not(normalize-space())])]][1][self::text()]">
              <xsl:call-template name="pb-meaning"/>
            </xsl:when>
            <xsl:otherwise><xsl:apply-templates select="."/></xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise><xsl:apply-templates select="$nodes"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- a heading holding a list or verse is split around it, as a paragraph is -->
  <!-- Blocks inside a reading or an editorial intervention (a lem, an add, a supplied holding a
       list, verse, paragraphs): their words are the lemma of one \edtext, which cannot span
       paragraphs, so they run on in the paragraph around it (`paragraph` sets no paragraph there:
       paragraphs and list items one after the other, an item's number and label before its words),
       verse lines parted by " / ", a page break inline.  (A block-level app, between paragraphs,
       keeps its readings' blocks.) -->
  <xsl:template match="tei:lg[(ancestor::tei:add or ancestor::tei:del or ancestor::tei:supplied or ancestor::tei:surplus or ancestor::tei:unclear or ancestor::tei:sic or ancestor::tei:choice or (ancestor::tei:lem or ancestor::tei:rdg) and ancestor::*[self::tei:lem or self::tei:rdg][1][not(ancestor::tei:app[1][parent::tei:div or parent::tei:body or parent::tei:opener])])]" priority="3">
    <xsl:apply-templates select="*"/>
  </xsl:template>
  <xsl:template match="tei:l[(ancestor::tei:add or ancestor::tei:del or ancestor::tei:supplied or ancestor::tei:surplus or ancestor::tei:unclear or ancestor::tei:sic or ancestor::tei:choice or (ancestor::tei:lem or ancestor::tei:rdg) and ancestor::*[self::tei:lem or self::tei:rdg][1][not(ancestor::tei:app[1][parent::tei:div or parent::tei:body or parent::tei:opener])])]" priority="3">
    <xsl:text> </xsl:text>
    <xsl:apply-templates/>
    <xsl:if test="following-sibling::*[1][self::tei:l]"><xsl:text> /</xsl:text></xsl:if>
    <xsl:text> </xsl:text>
  </xsl:template>
  <xsl:template match="tei:pb[(ancestor::tei:add or ancestor::tei:del or ancestor::tei:supplied or ancestor::tei:surplus or ancestor::tei:unclear or ancestor::tei:sic or ancestor::tei:choice or (ancestor::tei:lem or ancestor::tei:rdg) and ancestor::*[self::tei:lem or self::tei:rdg][1][not(ancestor::tei:app[1][parent::tei:div or parent::tei:body or parent::tei:opener])])]" priority="3">
    <xsl:call-template name="pb-meaning"/>
  </xsl:template>

  <xsl:template match="tei:div/tei:head | tei:body/tei:head">
    <xsl:call-template name="paragraph">
      <xsl:with-param name="style">\edtexthead{}</xsl:with-param>
      <xsl:with-param name="tail">\hfill{}</xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:dateline | tei:opener/tei:date | tei:opener/tei:placeName">
    <xsl:call-template name="paragraph"><xsl:with-param name="style">\edflushright{}</xsl:with-param></xsl:call-template>
  </xsl:template>

  <!-- inside a closer, its salute and dateline run on in the closer's paragraph -->
  <xsl:template match="tei:closer/tei:salute | tei:closer/tei:dateline | tei:closer/tei:date" priority="1">
    <xsl:apply-templates/><xsl:text> </xsl:text>
  </xsl:template>

  <xsl:template match="tei:closer | tei:salute | tei:signed[not(parent::tei:closer)] | tei:opener/tei:seg">
    <xsl:call-template name="paragraph"><xsl:with-param name="style">\edcloser{}</xsl:with-param></xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:list">
    <xsl:call-template name="blocks"/>
  </xsl:template>

  <xsl:template match="tei:list/tei:head">
    <xsl:call-template name="paragraph"><xsl:with-param name="style">\edlisthead{}</xsl:with-param></xsl:call-template>
  </xsl:template>

  <!-- An item: its number or label, its words; a list (or other block) it holds follows its words -->
  <xsl:template match="tei:list/tei:item">
    <xsl:call-template name="paragraph">
      <xsl:with-param name="style">\edlistitem{}</xsl:with-param>
      <xsl:with-param name="lead">
        <xsl:if test="@n">
          <xsl:call-template name="tex-line"><xsl:with-param name="s" select="@n"/></xsl:call-template>
          <xsl:text>.~</xsl:text>
        </xsl:if>
        <xsl:apply-templates select="preceding-sibling::*[1][self::tei:label][not(descendant::*[self::tei:p or self::tei:ab or self::tei:list or self::tei:lg or self::tei:l])]" mode="list-label"/>
      </xsl:with-param>
      <!-- the label opens the item's paragraph: the page breaks before the label are its -->
      <xsl:with-param name="from" select="(preceding-sibling::*[1][self::tei:label][not(descendant::*[self::tei:p or self::tei:ab or self::tei:list or self::tei:lg or self::tei:l])] | .)[1]"/>
    </xsl:call-template>
  </xsl:template>

  <!-- A list's label ("2.", a term) opens the paragraph of the item it labels; a label with no
       item after it, or one that holds a list or verse itself, is a paragraph of its own -->
  <xsl:template match="tei:list/tei:label[following-sibling::*[1][self::tei:item]][not(descendant::*[self::tei:p or self::tei:ab or self::tei:list or self::tei:lg or self::tei:l])]" priority="1"/>
  <xsl:template match="tei:list/tei:label">
    <xsl:call-template name="paragraph"><xsl:with-param name="style">\edlistitem{}</xsl:with-param></xsl:call-template>
  </xsl:template>
  <xsl:template match="tei:label" mode="list-label">
    <xsl:apply-templates/>
    <xsl:text>~</xsl:text>
  </xsl:template>

  <!-- Archive furniture kept in its place: docket marks, stamps, handwritten notes, running
       headers and footers of the original, classification lines. -->
  <xsl:template match="tei:note[parent::tei:div or parent::tei:body or parent::tei:opener or parent::tei:postscript
                       or parent::*[not(self::tei:*)][parent::tei:div or parent::tei:body or parent::tei:front or parent::tei:back]
                       or parent::*[self::tei:rdg or self::tei:lem]/parent::tei:app[parent::tei:div or parent::tei:body or parent::tei:opener]]
                       | tei:fw[parent::tei:div or parent::tei:body or parent::tei:opener
                       or parent::*[self::tei:rdg or self::tei:lem]/parent::tei:app[parent::tei:div or parent::tei:body or parent::tei:opener]]">
    <xsl:if test="not(self::tei:fw[@type = 'pageNum'])">
      <!-- furniture of paragraphs (a docket of two <p>) is split around them as a paragraph is -->
      <xsl:call-template name="paragraph">
        <xsl:with-param name="style">\edfurniture{}</xsl:with-param>
        <xsl:with-param name="lead">
          <xsl:text>\edfurniturelabel{</xsl:text>
          <xsl:call-template name="furniture-label"/>
          <xsl:if test="parent::tei:rdg or parent::tei:lem">
            <!-- furniture that one witness has: name it -->
            <xsl:text>, \edsiglum{</xsl:text>
            <xsl:variable name="sigla"><xsl:call-template name="witness-sigla"><xsl:with-param name="pointers" select="../@wit"/></xsl:call-template></xsl:variable>
            <xsl:call-template name="tex-line"><xsl:with-param name="s" select="$sigla"/></xsl:call-template>
            <xsl:text>}</xsl:text>
          </xsl:if>
          <xsl:text>}</xsl:text>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template name="furniture-label">
    <xsl:choose>
      <xsl:when test="self::tei:fw">
        <xsl:choose>
          <xsl:when test="@type = 'classification'">Classification</xsl:when>
          <xsl:when test="@type = 'footer'">Footer</xsl:when>
          <xsl:when test="@type = 'header'">Header</xsl:when>
          <xsl:otherwise>Page furniture</xsl:otherwise>
        </xsl:choose>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="label"><xsl:call-template name="note-label"/></xsl:variable>
        <xsl:call-template name="tex-line"><xsl:with-param name="s" select="$label"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A gap between paragraphs (lines lost, a page missing: TEI allows it in a div) is a numbered
       paragraph of its own: its mark and note need one, reledmac refuses them outside -->
  <xsl:template match="tei:gap[parent::tei:div or parent::tei:body or parent::tei:opener or parent::tei:front
                       or parent::tei:back or parent::tei:postscript]">
    <xsl:call-template name="pstart"/>
    <xsl:apply-imports/>
    <xsl:call-template name="pend"/>
  </xsl:template>

  <!-- A block-level page break goes into the margin at the start of the next paragraph -->
  <xsl:template match="tei:pb[parent::tei:div or parent::tei:body or parent::tei:opener or parent::tei:postscript or parent::tei:list or parent::tei:sp
                       or parent::tei:lg or parent::tei:front or parent::tei:back or parent::tei:castList or parent::tei:castGroup or parent::tei:set or parent::tei:group
                       or parent::tei:titlePage or parent::tei:docTitle
                       or parent::*[not(self::tei:*)][parent::tei:div or parent::tei:body or parent::tei:front or parent::tei:back]
                       or parent::*[self::tei:quote or self::tei:q or self::tei:cit or self::tei:said or self::tei:figure]
                                   [tei:p or tei:ab or tei:lg or tei:l or tei:list]]"/>
  <xsl:template match="tei:fw[@type = 'pageNum']"/>

  <xsl:template name="pstart">
    <xsl:param name="style"/>
    <!-- the element the paragraph starts with (an item's label opens the item's paragraph) -->
    <xsl:param name="from" select="."/>
    <xsl:text>&#10;\pstart </xsl:text>
    <xsl:value-of select="$style"/>
    <xsl:for-each select="$from">
      <!-- page breaks standing just before this block, with nothing but other page breaks or
           printed page numbers between -->
      <xsl:variable name="me" select="generate-id()"/>
      <xsl:apply-templates select="preceding-sibling::tei:pb[generate-id(following-sibling::node()[self::text()[normalize-space()] or self::*[not(self::tei:pb or self::tei:fw[@type = 'pageNum'] or self::tei:figure[not(normalize-space())])]][1]) = $me]"
                           mode="block-pb-margin"/>
      <xsl:call-template name="pb-before-container"/>
      <xsl:call-template name="orphan-pb-margins"/>
    </xsl:for-each>
    <!-- "%": the line end must not become a space at the start of the paragraph -->
    <xsl:text>%&#10;</xsl:text>
  </xsl:template>

  <!-- A page break that ends a block (the last thing in a division, a list, a quotation of
       paragraphs) has no paragraph after it in that block: it goes into the margin of the next
       paragraph of the document.  prev: the element just before that paragraph in document order
       (found through siblings: the preceding axis walks the whole document); words: the
       paragraph's first words (a page break followed by other words first is not this one's) -->
  <xsl:template name="orphan-pb-margins">
    <!-- (the context may be the text a run of words among blocks starts with: `blocks`) -->
    <xsl:param name="prev" select="(ancestor-or-self::node()[preceding-sibling::*[1]][1]/preceding-sibling::*[1]/descendant-or-self::*)[last()]"/>
    <xsl:param name="words" select="(self::text()[normalize-space()] | descendant::text()[normalize-space()])[1]"/>
    <xsl:for-each select="$prev[self::tei:pb or self::tei:fw[@type = 'pageNum']][not(following-sibling::*)]
                          [not(following-sibling::text()[normalize-space()])]
                          [$words and generate-id(following::text()[normalize-space()][1]) = generate-id($words)]">
      <xsl:call-template name="pb-run-margins"/>
    </xsl:for-each>
  </xsl:template>

  <!-- The page breaks after the last words of a text (context: tei:text; a volume's last pages)
       have no paragraph after them: a paragraph of their own, in its margin -->
  <xsl:template name="last-page-breaks">
    <xsl:for-each select="(descendant::*)[last()][self::tei:pb or self::tei:fw[@type = 'pageNum']]
                          [not(ancestor-or-self::*[ancestor::tei:text]/following-sibling::text()[normalize-space()])]">
      <xsl:variable name="margins"><xsl:call-template name="pb-run-margins"/></xsl:variable>
      <xsl:if test="string($margins)">
        <xsl:text>&#10;\pstart </xsl:text><xsl:value-of select="$margins"/><xsl:text>%&#10;</xsl:text>
        <xsl:call-template name="pend"/>
      </xsl:if>
    </xsl:for-each>
  </xsl:template>

  <!-- The run of page breaks (and printed page numbers) that ends with the context element, in order:
       those before it among its siblings, one at a time, and those that end the block before the
       run (a division that ends with a page break, followed by another page break) -->
  <xsl:template name="pb-run-margins">
    <!-- a page break inside words printed where it stands (nothing here), and what precedes it, is
         not part of the run -->
    <xsl:variable name="margin"><xsl:apply-templates select="self::tei:pb" mode="block-pb-margin"/></xsl:variable>
    <xsl:variable name="before" select="preceding-sibling::*[1][string($margin) or current()/self::tei:fw]"/>
    <xsl:choose>
      <xsl:when test="$before[self::tei:pb or self::tei:fw[@type = 'pageNum']]">
        <xsl:for-each select="$before"><xsl:call-template name="pb-run-margins"/></xsl:for-each>
      </xsl:when>
      <xsl:when test="$before">
        <xsl:for-each select="($before/descendant::*)[last()][self::tei:pb or self::tei:fw[@type = 'pageNum']]">
          <xsl:call-template name="pb-run-margins"/>
        </xsl:for-each>
      </xsl:when>
    </xsl:choose>
    <xsl:value-of select="$margin"/>
  </xsl:template>

  <!-- This paragraph is the first of a division, list or quotation (nothing but page breaks before
       it there): the page breaks standing just before that block, or before a block that starts
       with it, go into this paragraph's margin (a FRUS page break before each document's div) -->
  <xsl:template name="pb-before-container">
    <xsl:variable name="first"><xsl:call-template name="first-but-page-breaks"/></xsl:variable>
    <xsl:if test="string($first)">
      <!-- not out of a paragraph (a quotation's first paragraph inside a p, an item's, a list in a
           trailer or in any element with words of its own, tested on the parent only, as each level
           is climbed in turn): the paragraph's own first words took what stands before it -->
      <xsl:for-each select="parent::*[parent::*][not(ancestor-or-self::*[self::tei:p or self::tei:ab or self::tei:item
                            or self::tei:head or self::tei:closer or self::tei:salute or self::tei:signed
                            or self::tei:dateline or self::tei:note or self::tei:label or self::tei:trailer
                            or self::tei:titlePart or self::tei:byline or self::tei:docImprint or self::tei:speaker
                            or self::tei:stage or self::tei:castItem])][not(text()[normalize-space()])]">
        <xsl:call-template name="pb-before-container"/>
        <xsl:variable name="me" select="generate-id()"/>
        <xsl:apply-templates select="preceding-sibling::tei:pb[generate-id(following-sibling::node()[self::text()[normalize-space()] or self::*[not(self::tei:pb or self::tei:fw[@type = 'pageNum'] or self::tei:figure[not(normalize-space())])]][1]) = $me]"
                             mode="block-pb-margin"/>
      </xsl:for-each>
    </xsl:if>
  </xsl:template>

  <!-- "1" when nothing but page breaks (and printed page numbers, and figures without words, which
       print nothing: a title page's picture) stands before the context element
       among its siblings; one sibling at a time ([1] stops at the first: a filter over all the
       preceding siblings would cost their number for every paragraph) -->
  <xsl:template name="first-but-page-breaks">
    <xsl:param name="before" select="preceding-sibling::*[1]"/>
    <xsl:choose>
      <xsl:when test="not($before)">1</xsl:when>
      <xsl:when test="$before[self::tei:pb or self::tei:fw[@type = 'pageNum'] or self::tei:figure[not(normalize-space())]]">
        <xsl:call-template name="first-but-page-breaks">
          <xsl:with-param name="before" select="$before/preceding-sibling::*[1]"/>
        </xsl:call-template>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- a page break between blocks (the parents of the block-level rule below) prints in a margin;
       any other prints where it stands -->
  <xsl:template match="tei:pb" mode="block-pb-margin"/>
  <xsl:template match="tei:pb[parent::tei:div or parent::tei:body or parent::tei:opener or parent::tei:postscript or parent::tei:list or parent::tei:sp
                       or parent::tei:lg or parent::tei:front or parent::tei:back or parent::tei:castList or parent::tei:castGroup or parent::tei:set or parent::tei:group
                       or parent::tei:titlePage or parent::tei:docTitle
                       or parent::*[not(self::tei:*)][parent::tei:div or parent::tei:body or parent::tei:front or parent::tei:back]
                       or parent::*[self::tei:quote or self::tei:q or self::tei:cit or self::tei:said or self::tei:figure]
                                   [tei:p or tei:ab or tei:lg or tei:l or tei:list]]" mode="block-pb-margin">
    <xsl:text>\edpbmargin{</xsl:text><xsl:call-template name="pb-label"/><xsl:text>}</xsl:text>
  </xsl:template>

  <xsl:template name="pend">
    <xsl:text>&#10;\pend&#10;</xsl:text>
  </xsl:template>

  <!-- ============ verse, drama (meaning: common/structure.xsl) ============ -->

  <!-- A run of lines (an lg, or lines standing in a speech or division) is one reledmac stanza:
       lines end with "&", the stanza with "\&"; reledmac numbers them as verse.  A line whose
       @n does not follow on from the line before sets the count (\setline) -->
  <xsl:template match="tei:lg">
    <xsl:call-template name="blocks">
      <xsl:with-param name="nodes" select="*[not(self::tei:l)] | tei:l[not(preceding-sibling::*[1][self::tei:l])]"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:l">
    <xsl:if test="not(preceding-sibling::*[1][self::tei:l])">
      <xsl:text>&#10;</xsl:text>
      <xsl:call-template name="set-line"/>
      <xsl:text>\stanza %&#10;</xsl:text>
      <xsl:apply-templates select="." mode="stanza-line"/>
    </xsl:if>
  </xsl:template>

  <!-- \setline{N} before a stanza whose first line has a numeric @n: the stanza is numbered from
       there, whatever stands between stanzas (speakers, stage directions, headings) -->
  <xsl:template name="set-line">
    <xsl:variable name="n" select="normalize-space(@n)"/>
    <xsl:if test="string(number($n)) != 'NaN'">
      <xsl:text>\setline{</xsl:text><xsl:value-of select="number($n) - 1"/><xsl:text>}%&#10;</xsl:text>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:l" mode="stanza-line">
    <xsl:variable name="indent"><xsl:call-template name="verse-indent"/></xsl:variable>
    <xsl:if test="$indent > 0"><xsl:text>\hspace*{</xsl:text><xsl:value-of select="$indent * 2"/><xsl:text>em}</xsl:text></xsl:if>
    <xsl:apply-templates/>
    <xsl:choose>
      <xsl:when test="following-sibling::*[1][self::tei:l]">
        <xsl:text> &amp;&#10;</xsl:text>
        <xsl:apply-templates select="following-sibling::*[1]" mode="stanza-line"/>
      </xsl:when>
      <xsl:otherwise><xsl:text> \&amp;&#10;</xsl:text></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:sp">
    <xsl:if test="not(tei:speaker)">
      <xsl:variable name="name"><xsl:call-template name="who-name"/></xsl:variable>
      <xsl:if test="string($name)">
        <xsl:choose>
          <!-- inside a reading or an intervention: the name runs on, as a speaker's words do -->
          <xsl:when test="(ancestor::tei:add or ancestor::tei:del or ancestor::tei:supplied or ancestor::tei:surplus or ancestor::tei:unclear or ancestor::tei:sic or ancestor::tei:choice or (ancestor::tei:lem or ancestor::tei:rdg) and ancestor::*[self::tei:lem or self::tei:rdg][1][not(ancestor::tei:app[1][parent::tei:div or parent::tei:body or parent::tei:opener])])">
            <xsl:text> </xsl:text>
            <xsl:call-template name="tex-line"><xsl:with-param name="s" select="$name"/></xsl:call-template>
            <xsl:text> </xsl:text>
          </xsl:when>
          <xsl:otherwise>
            <xsl:call-template name="pstart"><xsl:with-param name="style">\edspeaker{}</xsl:with-param></xsl:call-template>
            <xsl:call-template name="tex-line"><xsl:with-param name="s" select="$name"/></xsl:call-template>
            <xsl:call-template name="pend"/>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:if>
    </xsl:if>
    <xsl:call-template name="blocks"/>
  </xsl:template>

  <xsl:template match="tei:speaker">
    <xsl:call-template name="paragraph"><xsl:with-param name="style">\edspeaker{}</xsl:with-param></xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:stage">
    <xsl:choose>
      <!-- between blocks (in a speech, a division, a stanza, a reading between paragraphs): a
           paragraph; anywhere else (a line, a salute, an item, a cast item …) inside words -->
      <xsl:when test="parent::tei:div or parent::tei:body or parent::tei:front or parent::tei:back or parent::tei:postscript
                      or parent::tei:opener or parent::tei:sp or parent::tei:lg or parent::tei:list or parent::tei:castList
                      or parent::tei:castGroup or parent::tei:group or parent::tei:set or parent::tei:titlePage
                      or parent::tei:docTitle or parent::*[not(self::tei:*)][parent::tei:div or parent::tei:body or parent::tei:front or parent::tei:back]
                      or parent::*[self::tei:rdg or self::tei:lem]/parent::tei:app[parent::tei:div or parent::tei:body or parent::tei:opener]">
        <xsl:call-template name="paragraph"><xsl:with-param name="style">\edstage{}</xsl:with-param></xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:text>\edstageinline{</xsl:text><xsl:apply-templates/><xsl:text>}</xsl:text>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:castList | tei:castGroup">
    <xsl:call-template name="blocks"/>
  </xsl:template>
  <xsl:template match="tei:castList/tei:head | tei:castGroup/tei:head | tei:lg/tei:head | tei:sp/tei:head">
    <xsl:call-template name="paragraph"><xsl:with-param name="style">\edlisthead{}</xsl:with-param></xsl:call-template>
  </xsl:template>
  <xsl:template match="tei:castItem">
    <xsl:call-template name="paragraph"><xsl:with-param name="style">\edlistitem{}</xsl:with-param></xsl:call-template>
  </xsl:template>
  <xsl:template match="tei:role">
    <xsl:text>\textsc{</xsl:text><xsl:apply-templates/><xsl:text>}</xsl:text>
  </xsl:template>

  <xsl:template match="tei:front/tei:head | tei:back/tei:head | tei:group/tei:head">
    <xsl:call-template name="paragraph">
      <xsl:with-param name="style">\edtexthead{}</xsl:with-param>
      <xsl:with-param name="tail">\hfill{}</xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:group | tei:group/tei:text">
    <xsl:call-template name="blocks"/>
  </xsl:template>

  <!-- ============ inline ============ -->

  <xsl:template match="text()">
    <xsl:call-template name="tex"><xsl:with-param name="s" select="."/></xsl:call-template>
  </xsl:template>
  <xsl:template match="text()" mode="reading">
    <xsl:call-template name="tex"><xsl:with-param name="s" select="."/></xsl:call-template>
  </xsl:template>

  <xsl:template name="render-pb">
    <xsl:param name="n"/><xsl:param name="sigla"/>
    <xsl:text>\edpb{</xsl:text>
    <xsl:call-template name="pb-label"><xsl:with-param name="n" select="$n"/><xsl:with-param name="sigla" select="$sigla"/></xsl:call-template>
    <xsl:text>}</xsl:text>
  </xsl:template>
  <!-- blocks in a reading or a note (an apparatus variant, a footnote of two paragraphs): one
       after the other, parted by a space, verse lines by " / " -->
  <xsl:template match="tei:p | tei:ab | tei:item | tei:list | tei:lg" mode="reading">
    <xsl:if test="preceding-sibling::*"><xsl:text> </xsl:text></xsl:if>
    <xsl:apply-templates mode="reading"/>
  </xsl:template>
  <xsl:template match="tei:l" mode="reading">
    <xsl:if test="preceding-sibling::*[1][self::tei:l]"><xsl:text> / </xsl:text></xsl:if>
    <xsl:apply-templates mode="reading"/>
  </xsl:template>
  <xsl:template match="tei:pb" mode="reading">
    <xsl:text>\edpbinline{</xsl:text><xsl:call-template name="pb-label"/><xsl:text>}</xsl:text>
  </xsl:template>

  <!-- "A~p.\,3": the witnesses the page belongs to, and its number -->
  <xsl:template name="pb-label">
    <xsl:param name="n" select="string(@n)"/>
    <xsl:param name="sigla"><xsl:if test="@ed | @edRef"><xsl:call-template name="witness-sigla"><xsl:with-param name="pointers" select="(@ed | @edRef[not(../@ed)])[1]"/></xsl:call-template></xsl:if></xsl:param>
    <xsl:if test="string($sigla)">
      <xsl:value-of select="$sigla"/>
      <xsl:text>~</xsl:text>
    </xsl:if>
    <xsl:choose>
      <xsl:when test="string($n)">
        <xsl:text>p.\,</xsl:text>
        <xsl:call-template name="tex-line"><xsl:with-param name="s" select="$n"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise>new page</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:lb">
    <xsl:text>\edlb{}</xsl:text>
  </xsl:template>
  <xsl:template match="tei:lb" mode="reading">
    <xsl:text>\edlb{}</xsl:text>
  </xsl:template>

  <!-- Highlighting: the styles common/structure.xsl reads from @rend/@rendition.  Italic and
       underline are set as emphasis (\emph), as are emph and titles. -->
  <xsl:template match="tei:hi | tei:emph | tei:title[not(ancestor::tei:teiHeader)]">
    <xsl:variable name="styles"><xsl:call-template name="hi-styles"/></xsl:variable>
    <xsl:call-template name="styled">
      <xsl:with-param name="styles" select="concat(' ', normalize-space($styles), ' ')"/>
      <xsl:with-param name="emph" select="self::tei:emph or self::tei:title"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template match="tei:hi | tei:emph | tei:title[not(ancestor::tei:teiHeader)]" mode="reading">
    <xsl:variable name="styles"><xsl:call-template name="hi-styles"/></xsl:variable>
    <xsl:call-template name="styled">
      <xsl:with-param name="styles" select="concat(' ', normalize-space($styles), ' ')"/>
      <xsl:with-param name="emph" select="self::tei:emph or self::tei:title"/>
      <xsl:with-param name="mode" select="'reading'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="styled">
    <xsl:param name="styles"/>
    <xsl:param name="emph" select="false()"/>
    <xsl:param name="mode" select="''"/>
    <xsl:variable name="open">
      <xsl:if test="$emph or contains($styles, ' italic ') or contains($styles, ' underline ')">\emph{</xsl:if>
      <xsl:if test="contains($styles, ' bold ')">\textbf{</xsl:if>
      <xsl:if test="contains($styles, ' sup ')">\textsuperscript{</xsl:if>
      <xsl:if test="contains($styles, ' sub ')">\textsubscript{</xsl:if>
      <xsl:if test="contains($styles, ' smallcaps ')">\textsc{</xsl:if>
      <xsl:if test="contains($styles, ' strike ')">\eddel{</xsl:if>
    </xsl:variable>
    <xsl:value-of select="$open"/>
    <xsl:choose>
      <xsl:when test="$mode = 'reading'"><xsl:apply-templates mode="reading"/></xsl:when>
      <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
    </xsl:choose>
    <xsl:value-of select="translate(translate($open, translate($open, '{', ''), ''), '{', '}')"/>
  </xsl:template>

  <xsl:template match="tei:space">
    <xsl:text> </xsl:text>
  </xsl:template>
  <xsl:template match="tei:lb[@break = 'no']"/>
  <xsl:template match="tei:lb[@break = 'no']" mode="reading"/>

  <!-- A note at its place in running text (hook of common/editorial.xsl).  The archive's gloss stays
       where the archive put it, in brackets, set apart in italics; furniture in the middle of a
       paragraph (a stamp) is bracketed and labelled; any other note is a footnote. -->
  <xsl:template name="render-note">
    <xsl:param name="kind"/><xsl:param name="mark"/><xsl:param name="label"/>
    <xsl:choose>
      <xsl:when test="@type = 'gloss'">
        <xsl:text>{[}\textit{</xsl:text><xsl:apply-templates/><xsl:text>}{]}</xsl:text>
      </xsl:when>
      <xsl:when test="$kind = 'block'">
        <xsl:text> {[}\edfurniturelabel{</xsl:text><xsl:call-template name="furniture-label"/><xsl:text>}</xsl:text>
        <xsl:apply-templates mode="run-on"/>
        <xsl:text>{]} </xsl:text>
      </xsl:when>
      <xsl:otherwise><xsl:call-template name="footnote"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <!-- Furniture inside a paragraph's words (a docket of two <p>): its paragraphs run on, one
       after the other; reledmac cannot open a paragraph inside another -->
  <xsl:template match="node()" mode="run-on">
    <xsl:apply-templates select="."/>
  </xsl:template>
  <xsl:template match="tei:p | tei:ab" mode="run-on">
    <xsl:text> </xsl:text><xsl:apply-templates mode="run-on"/><xsl:text> </xsl:text>
  </xsl:template>

  <xsl:template match="tei:note[@type = 'gloss']" mode="reading">
    <xsl:text>{[}\textit{</xsl:text><xsl:apply-templates mode="reading"/><xsl:text>}{]}</xsl:text>
  </xsl:template>

</xsl:stylesheet>
