<?xml version="1.0" encoding="UTF-8"?>
<!-- Print layer: the apparatus criticus in three reledmac series, all keyed to line numbers.
       A  variant readings of the witnesses (app/rdg), with sigla
       B  editorial interventions: corrections (choice/sic/corr), sic, deletions, insertions, gaps
     What each element means (which reading is the lemma, which member of a choice the text shows)
     is decided in xslt/common/editorial.xsl; the render-* templates here are its hooks.
       C  the document's own notes (note place="foot"), under their original mark -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0" exclude-result-prefixes="tei">

  <xsl:import href="escape.xsl"/>

  <!-- ===== series A: variants ===== -->

  <!-- An apparatus entry (hook of common/editorial.xsl, which picks the lemma) -->
  <xsl:template name="render-app">
    <xsl:param name="n"/><xsl:param name="lem"/><xsl:param name="others"/><xsl:param name="variant"/>
    <xsl:choose>
      <!-- between paragraphs (a stamp or note that one witness has): each reading's blocks,
           labelled with the witnesses that have them (readings of words there are a paragraph's
           words: text.xsl, `blocks`) -->
      <xsl:when test="(parent::tei:div or parent::tei:body or parent::tei:opener)
                      and (not((tei:lem | tei:rdg)/text()[normalize-space()] or (tei:lem | tei:rdg)/*)
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
                                   or self::tei:anchor or self::tei:app)])">
        <xsl:apply-templates select="tei:lem/* | tei:rdg/*"/>
      </xsl:when>
      <!-- no variant (a page break one witness has): the base reading, its page break in the margin -->
      <xsl:when test="not($variant)">
        <xsl:apply-templates select="$lem/node()"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:text>\edtext{</xsl:text>
        <xsl:apply-templates select="$lem/node()"/>
        <xsl:text>}{</xsl:text>
        <xsl:if test="not(normalize-space($lem)) and not($lem/*)">
          <!-- nothing to hang the note on: say so in the lemma -->
          <xsl:text>\lemma{\edom{} </xsl:text>
          <xsl:call-template name="sigla-of"><xsl:with-param name="reading" select="$lem"/></xsl:call-template>
          <xsl:text>}</xsl:text>
        </xsl:if>
        <xsl:text>\Afootnote{</xsl:text>
        <xsl:if test="normalize-space($lem) or $lem/*">
          <xsl:call-template name="sigla-of"><xsl:with-param name="reading" select="$lem"/></xsl:call-template>
          <xsl:if test="$lem/@resp"><xsl:call-template name="resp-of"><xsl:with-param name="node" select="$lem"/></xsl:call-template></xsl:if>
          <xsl:if test="$others"><xsl:text>; </xsl:text></xsl:if>
        </xsl:if>
        <xsl:for-each select="$others">
          <xsl:choose>
            <xsl:when test="normalize-space(.) or *"><xsl:apply-templates mode="reading"/></xsl:when>
            <xsl:otherwise><xsl:text>\edom{}</xsl:text></xsl:otherwise>
          </xsl:choose>
          <xsl:text> </xsl:text>
          <xsl:call-template name="sigla-of"><xsl:with-param name="reading" select="."/></xsl:call-template>
          <xsl:if test="position() != last()"><xsl:text>; </xsl:text></xsl:if>
        </xsl:for-each>
        <!-- why the editors adopt a reading against the copy-text -->
        <xsl:for-each select="tei:note[@type = 'editorial']">
          <xsl:text> — </xsl:text>
          <xsl:call-template name="tex-line"><xsl:with-param name="s" select="normalize-space(.)"/></xsl:call-template>
        </xsl:for-each>
        <xsl:text>}}</xsl:text>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="sigla-of">
    <xsl:param name="reading"/>
    <!-- the witnesses, else the sources (and "conj.") of the reading: common/apparatus.xsl -->
    <xsl:variable name="sigla">
      <xsl:for-each select="$reading[1]"><xsl:call-template name="reading-sigla"/></xsl:for-each>
    </xsl:variable>
    <xsl:text>\edsiglum{</xsl:text>
    <xsl:call-template name="tex-line"><xsl:with-param name="s" select="$sigla"/></xsl:call-template>
    <xsl:text>}</xsl:text>
  </xsl:template>

  <!-- ===== series B: editorial interventions ===== -->

  <xsl:template name="render-choice">
    <xsl:param name="kind"/><xsl:param name="original"/><xsl:param name="edited"/>
    <xsl:text>\edtext{</xsl:text>
    <xsl:apply-templates select="$edited[1]/node()"/>
    <xsl:text>}{\Bfootnote{</xsl:text>
    <xsl:choose>
      <xsl:when test="$kind = 'correction'">
        <xsl:choose>
          <xsl:when test="$edited[1]/@cert = 'low' or $edited[1]/@cert = 'medium'">\edconj{}</xsl:when>
          <xsl:otherwise>\edcorr{}</xsl:otherwise>
        </xsl:choose>
        <xsl:text> </xsl:text>
        <xsl:apply-templates select="$original[1]/node()" mode="reading"/>
        <xsl:call-template name="resp-of"><xsl:with-param name="node" select="$edited[1]"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:text>\edorig{} </xsl:text>
        <xsl:apply-templates select="$original[1]/node()" mode="reading"/>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:text>}}</xsl:text>
  </xsl:template>

  <xsl:template match="tei:sic[not(parent::tei:choice)]" mode="reading">
    <xsl:apply-templates mode="reading"/><xsl:text> \edsic{}</xsl:text>
  </xsl:template>

  <xsl:template name="render-sic">
    <xsl:text>\edtext{</xsl:text><xsl:apply-templates/><xsl:text>}{\Bfootnote{\edsic{}}}</xsl:text>
  </xsl:template>

  <xsl:template name="render-del">
    <xsl:param name="manner"/>
    <xsl:text>\edtext{\eddel{</xsl:text><xsl:apply-templates/><xsl:text>}}{\Bfootnote{</xsl:text>
    <xsl:choose>
      <xsl:when test="$manner = 'struck'">\edstruck{}</xsl:when>
      <xsl:when test="$manner = 'erased'">\ederased{}</xsl:when>
      <xsl:otherwise>\eddeleted{}</xsl:otherwise>
    </xsl:choose>
    <xsl:call-template name="hand-of"/>
    <xsl:text>}}</xsl:text>
  </xsl:template>
  <xsl:template match="tei:del" mode="reading">
    <xsl:text>\eddel{</xsl:text><xsl:apply-templates mode="reading"/><xsl:text>}</xsl:text>
  </xsl:template>

  <xsl:template name="render-add">
    <xsl:param name="where"/>
    <xsl:text>\edtext{</xsl:text><xsl:apply-templates/><xsl:text>}{\Bfootnote{\edadded{</xsl:text>
    <xsl:value-of select="$where"/>
    <xsl:text>}</xsl:text>
    <xsl:call-template name="hand-of"/>
    <xsl:text>}}</xsl:text>
  </xsl:template>

  <xsl:template name="render-gap">
    <xsl:param name="label"/><xsl:param name="desc"/>
    <xsl:text>\edtext{</xsl:text>
    <xsl:apply-templates select="." mode="reading"/>
    <xsl:text>}{\Bfootnote{\edgapnote{</xsl:text>
    <xsl:call-template name="tex-line"><xsl:with-param name="s" select="$label"/></xsl:call-template>
    <xsl:text>}</xsl:text>
    <xsl:call-template name="resp-of"><xsl:with-param name="node" select="."/></xsl:call-template>
    <xsl:text>}}</xsl:text>
  </xsl:template>
  <xsl:template match="tei:gap" mode="reading">
    <xsl:choose>
      <xsl:when test="normalize-space(tei:desc)">
        <xsl:text>\edgapdesc{</xsl:text>
        <xsl:call-template name="tex-line"><xsl:with-param name="s" select="tei:desc"/></xsl:call-template>
        <xsl:text>}</xsl:text>
      </xsl:when>
      <xsl:otherwise>\edgap{}</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="render-unclear">
    <xsl:text>\edtext{</xsl:text><xsl:apply-templates/><xsl:text>}{\Bfootnote{\edunclear{}}}</xsl:text>
  </xsl:template>

  <xsl:template name="render-supplied">
    <xsl:text>\edtext{\edsupplied{</xsl:text><xsl:apply-templates/><xsl:text>}}{\Bfootnote{\edsuppliednote{}</xsl:text>
    <xsl:call-template name="resp-of"><xsl:with-param name="node" select="."/></xsl:call-template>
    <xsl:text>}}</xsl:text>
  </xsl:template>
  <xsl:template name="render-surplus">
    <xsl:text>\edtext{\edsurplus{</xsl:text><xsl:apply-templates/><xsl:text>}}{\Bfootnote{\edsurplusnote{}</xsl:text>
    <xsl:call-template name="resp-of"><xsl:with-param name="node" select="."/></xsl:call-template>
    <xsl:text>}}</xsl:text>
  </xsl:template>
  <xsl:template match="tei:surplus" mode="reading">
    <xsl:text>\edsurplus{</xsl:text><xsl:apply-templates mode="reading"/><xsl:text>}</xsl:text>
  </xsl:template>
  <xsl:template match="tei:app/tei:note[@type = 'editorial']"/>
  <xsl:template match="tei:app/tei:note[@type = 'editorial']" mode="reading"/>

  <xsl:template match="tei:supplied" mode="reading">
    <xsl:text>\edsupplied{</xsl:text><xsl:apply-templates mode="reading"/><xsl:text>}</xsl:text>
  </xsl:template>

  <!-- "(ed.)": who made the intervention, by the name declared for @resp in the titleStmt -->
  <xsl:template name="resp-of">
    <xsl:param name="node"/>
    <xsl:variable name="id" select="substring-after(normalize-space($node/@resp), '#')"/>
    <xsl:if test="$id">
      <xsl:variable name="who" select="ancestor::tei:TEI[1]/tei:teiHeader//*[@xml:id = $id]"/>
      <xsl:text> \edresp{</xsl:text>
      <xsl:choose>
        <xsl:when test="$id = 'ed' or substring($id, string-length($id) - 2) = '-ed' or $who/self::tei:editor">ed.</xsl:when>
        <xsl:when test="$who/tei:name"><xsl:call-template name="tex-line"><xsl:with-param name="s" select="$who/tei:name"/></xsl:call-template></xsl:when>
        <xsl:otherwise><xsl:call-template name="tex-line"><xsl:with-param name="s" select="$id"/></xsl:call-template></xsl:otherwise>
      </xsl:choose>
      <xsl:text>}</xsl:text>
    </xsl:if>
  </xsl:template>

  <xsl:template name="hand-of">
    <xsl:if test="@hand">
      <xsl:text> \edresp{</xsl:text>
      <xsl:call-template name="tex-line"><xsl:with-param name="s" select="substring-after(@hand, '#')"/></xsl:call-template>
      <xsl:text>}</xsl:text>
    </xsl:if>
  </xsl:template>

  <!-- ===== series C: the document's own notes, under their own mark ===== -->

  <xsl:template name="footnote">
    <xsl:variable name="mark"><xsl:call-template name="note-mark"/></xsl:variable>
    <xsl:text>\edtext{\ednotemark{</xsl:text>
    <xsl:call-template name="tex-line"><xsl:with-param name="s" select="$mark"/></xsl:call-template>
    <xsl:text>}}{\Cfootnote{</xsl:text>
    <xsl:apply-templates mode="reading"/>
    <xsl:text>}}</xsl:text>
  </xsl:template>
</xsl:stylesheet>
